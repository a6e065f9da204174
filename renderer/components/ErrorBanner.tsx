import type { AppError } from '../../shared/model';

/** An error from the main process, already worded as sentences; nothing when there is none. */
export function ErrorBanner({ error }: { error: AppError | null }) {
  if (!error) return null;
  return (
    <div className="banner banner-problem" role="alert">
      {error.message}
    </div>
  );
}
