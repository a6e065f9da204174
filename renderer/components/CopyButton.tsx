import { useEffect, useState } from 'react';
import { text } from '../text';

/** Copies a value; says "Copied" for a moment. Falls back to selecting the text if the clipboard is refused. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 1500);
    return () => clearTimeout(timer);
  }, [state]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <button type="button" className="copy" onClick={copy} aria-label={text.copy.label(label)}>
      {state === 'copied' ? text.copy.copied : state === 'failed' ? text.copy.failed : text.copy.copy}
    </button>
  );
}
