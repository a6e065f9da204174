import { useMemo, useState } from 'react';
import { buildReport } from '../../../shared/report';
import { host } from '../../../shared/text';
import { CheckAgainButton } from '../../components/CheckAgainButton';
import { CopyButton } from '../../components/CopyButton';
import { LinkButton } from '../../components/LinkButton';
import { useApp } from '../../store';

/** The last resort: a report to preview, copy or save, with the IP left out on request. */
export function ReportStep() {
  const { diagnosis, tried, info } = useApp();
  const [includeIp, setIncludeIp] = useState(true);
  const text = useMemo(
    () =>
      diagnosis
        ? buildReport({
            diagnosis,
            tried,
            includeIp,
            version: info?.version ?? 'unknown',
            os: info?.os ?? 'unknown',
            now: new Date(),
          })
        : '',
    [diagnosis, tried, includeIp, info],
  );
  const links = (diagnosis?.targets ?? [])
    .map((t) => {
      const h = host(t);
      const url = info?.supportLinks[h] ?? info?.supportLinks[h.replace(/^www\./, '')];
      return url ? { label: `Open ${h}'s help center`, url } : null;
    })
    .filter((l) => l !== null);
  const save = () => {
    const blob = new Blob([text], { type: 'text/plain' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `access-doctor-report-${new Date().toISOString().slice(0, 10)}.txt`;
    a.click();
    URL.revokeObjectURL(a.href);
  };
  return (
    <section className="step" aria-labelledby="report-title">
      <h2 id="report-title">Support report</h2>
      <p className="lead">
        When nothing worked, send this to the site’s help desk. It says what Access Doctor found and what you tried;
        nothing is sent by the app itself.
      </p>
      {!diagnosis ? (
        <div className="banner banner-warning" role="status">
          There is no scan to report yet. Scan first, then come back here.{' '}
          <CheckAgainButton primary={false} label="Scan now" />
        </div>
      ) : (
        <>
          <div className="actions">
            <label className="toggle">
              <input type="checkbox" checked={!includeIp} onChange={(e) => setIncludeIp(!e.currentTarget.checked)} />
              Leave my IP address out
            </label>
            <CopyButton value={text} label="report" />
            <button type="button" onClick={save}>
              Save as a file
            </button>
            {links.map((l) => (
              <LinkButton key={l.url} link={l} />
            ))}
          </div>
          <figure>
            <figcaption>Preview</figcaption>
            <pre className="report" data-include-ip={includeIp}>
              {text}
            </pre>
          </figure>
        </>
      )}
    </section>
  );
}
