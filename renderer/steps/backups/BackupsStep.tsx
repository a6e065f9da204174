import { useEffect } from 'react';
import type { BackupEntry } from '../../../shared/model';
import { useBackups } from '../../backups-store';
import { localTime } from '../../format';

const STATE_TEXT: Record<BackupEntry['state'], string> = {
  open: 'did not finish',
  applied: 'applied',
  failed: 'failed and was undone',
  'rollback-failed': 'failed, and undoing it failed too',
  restored: 'restored',
  'restore-failed': 'partly restored',
};

/** Every change Access Doctor made on this machine, and a one-click way back for each. */
export function BackupsStep() {
  const { listing, loading, restoring, confirming, result, error, load, ask, cancel, restore } = useBackups();
  useEffect(() => {
    void load();
  }, [load]);
  const entries = listing?.entries ?? [];
  const damaged = listing?.damaged ?? [];
  return (
    <section className="step" aria-labelledby="backups-title">
      <h2 id="backups-title">Backups of what Access Doctor changed</h2>
      <p className="lead">
        Before Access Doctor changes anything on this computer, it saves what was there. Each change can be put back
        here, also after a crash.
      </p>
      <div className="actions">
        <button type="button" onClick={() => void load()} disabled={loading}>
          {loading ? 'Reading…' : 'Refresh'}
        </button>
      </div>
      {error && (
        <div className="banner banner-problem" role="alert">
          {error.message}
        </div>
      )}
      {result && (
        <div className={`banner banner-${result.ok ? 'good' : 'problem'}`} role="status" data-restored={result.id}>
          {result.text}
        </div>
      )}
      {listing && entries.length === 0 && damaged.length === 0 && (
        <p data-empty="true">
          Access Doctor has not changed anything on this computer yet, so there is nothing to put back.
        </p>
      )}
      {entries.length > 0 && (
        <ul className="backups" aria-label="Backups, newest first">
          {entries.map((e) => (
            <li key={e.id} data-backup={e.id} data-state={e.state}>
              <div>
                <strong>{e.description}</strong>
                <small>
                  {localTime(e.createdAt)} · {STATE_TEXT[e.state]} · {e.files.length} file(s)
                  {e.hasSettings ? ' and settings' : ''}
                </small>
                {(e.error || e.rollbackError || e.restoreError) && (
                  <p className="muted">{[e.error, e.rollbackError, e.restoreError].filter(Boolean).join(' ')}</p>
                )}
              </div>
              {confirming === e.id ? (
                <span className="actions">
                  <button type="button" className="primary" onClick={() => void restore(e.id)}>
                    Put it back
                  </button>
                  <button type="button" onClick={cancel}>
                    Cancel
                  </button>
                </span>
              ) : (
                <button type="button" onClick={() => ask(e.id)} disabled={restoring !== null}>
                  {restoring === e.id ? 'Restoring…' : 'Restore'}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {damaged.length > 0 && (
        <div className="banner banner-warning" role="status">
          <p>These backups are damaged and cannot be restored; their files are kept as they are:</p>
          <ul>
            {damaged.map((d) => (
              <li key={d.id} data-damaged={d.id}>
                <code>{d.id}</code> {d.problem}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
