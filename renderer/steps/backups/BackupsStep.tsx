import { useEffect } from 'react';
import { useBackups } from '../../backups-store';
import { ErrorBanner } from '../../components/ErrorBanner';
import { localTime } from '../../format';
import { text } from '../../text';

const STATE_TEXT = text.backups.state;

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
      <h2 id="backups-title">{text.backups.title}</h2>
      <p className="lead">{text.backups.lead}</p>
      <div className="actions">
        <button type="button" onClick={() => void load()} disabled={loading}>
          {loading ? text.backups.reading : text.backups.refresh}
        </button>
      </div>
      <ErrorBanner error={error} />
      {result && (
        <div className={`banner banner-${result.ok ? 'good' : 'problem'}`} role="status" data-restored={result.id}>
          {result.text}
        </div>
      )}
      {listing && entries.length === 0 && damaged.length === 0 && <p data-empty="true">{text.backups.empty}</p>}
      {entries.length > 0 && (
        <ul className="backups" aria-label={text.backups.list}>
          {entries.map((e) => (
            <li key={e.id} data-backup={e.id} data-state={e.state}>
              <div>
                <strong>{e.description}</strong>
                <small>
                  {localTime(e.createdAt)} · {STATE_TEXT[e.state]} · {text.backups.files(e.files.length, e.hasSettings)}
                </small>
                {(e.error || e.rollbackError || e.restoreError) && (
                  <p className="muted">{text.backups.errors(e.error, e.rollbackError, e.restoreError)}</p>
                )}
              </div>
              {confirming === e.id ? (
                <span className="actions">
                  <button type="button" className="primary" onClick={() => void restore(e.id)}>
                    {text.backups.putBack}
                  </button>
                  <button type="button" onClick={cancel}>
                    {text.common.cancel}
                  </button>
                </span>
              ) : (
                <button type="button" onClick={() => ask(e.id)} disabled={restoring !== null}>
                  {restoring === e.id ? text.backups.restoring : text.backups.restore}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {damaged.length > 0 && (
        <div className="banner banner-warning" role="status">
          <p>{text.backups.damaged}</p>
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
