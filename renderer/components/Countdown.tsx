import { useEffect, useState } from 'react';
import { formatWait } from '../../shared/text';
import { text } from '../text';

/**
 * A live countdown to the end of a wait (a rate limit's Retry-After), counted from when the diagnosis
 * ended; at zero it calls `onDone` once (the wizard re-checks the site by itself).
 */
export function Countdown({ from, seconds, onDone }: { from: string; seconds: number; onDone(): void }) {
  const end = Date.parse(from) + seconds * 1000;
  const [now, setNow] = useState(() => Date.now());
  const left = Math.max(0, Math.ceil((end - now) / 1000));
  useEffect(() => {
    if (left === 0) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [left]);
  const done = left === 0;
  useEffect(() => {
    if (done) onDone();
  }, [done, onDone]);
  return (
    <p className="countdown" role="timer" aria-live="off" data-left={left}>
      {done ? text.countdown.over : text.countdown.left(formatWait(left))}
    </p>
  );
}
