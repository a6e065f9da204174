import { useApp } from '../store';
import { text } from '../text';

/** The verify step of every fix: back to Scan, scanning the sites again. */
export function CheckAgainButton({
  primary = true,
  label = text.common.checkSiteAgain,
}: {
  primary?: boolean;
  label?: string;
}) {
  const rescan = useApp((s) => s.rescan);
  return (
    <button type="button" className={primary ? 'primary' : 'secondary'} onClick={() => void rescan()}>
      {label}
    </button>
  );
}
