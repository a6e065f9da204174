import { useMemo, useState } from 'react';
import { buildReport } from '../../../shared/report';
import { host } from '../../../shared/text';
import { CheckAgainButton } from '../../components/CheckAgainButton';
import { CopyButton } from '../../components/CopyButton';
import { LinkButton } from '../../components/LinkButton';
import { useApp } from '../../store';
import { text as T } from '../../text';

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
            version: info?.version ?? T.report.unknown,
            os: info?.os ?? T.report.unknown,
            now: new Date(),
          })
        : '',
    [diagnosis, tried, includeIp, info],
  );
  const links = (diagnosis?.targets ?? [])
    .map((t) => {
      const h = host(t);
      const url = info?.supportLinks[h] ?? info?.supportLinks[h.replace(/^www\./, '')];
      return url ? { label: T.report.helpCenter(h), url } : null;
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
      <h2 id="report-title">{T.report.title}</h2>
      <p className="lead">{T.report.lead}</p>
      {!diagnosis ? (
        <div className="banner banner-warning" role="status">
          {T.report.noScan} <CheckAgainButton primary={false} label={T.report.scanNow} />
        </div>
      ) : (
        <>
          <div className="actions">
            <label className="toggle">
              <input type="checkbox" checked={!includeIp} onChange={(e) => setIncludeIp(!e.currentTarget.checked)} />
              {T.report.leaveIpOut}
            </label>
            <CopyButton value={text} label={T.copy.report} />
            <button type="button" onClick={save}>
              {T.report.save}
            </button>
            {links.map((l) => (
              <LinkButton key={l.url} link={l} />
            ))}
          </div>
          <figure>
            <figcaption>{T.report.preview}</figcaption>
            <pre className="report" data-include-ip={includeIp}>
              {text}
            </pre>
          </figure>
        </>
      )}
    </section>
  );
}
