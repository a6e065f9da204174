import { useApp } from '../store';

/** The verify step of every fix: back to Scan, scanning the sites again. */
export function CheckAgainButton({
  primary = true,
  label = 'Check the site again',
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
