import type { Diagnosis } from '../../../shared/model';
import type { TriedStep } from '../../../shared/report';
import { useApp } from '../../store';
import { text } from '../../text';

/**
 * The wizard's end: after steps were tried, the next scan says what fixed it ("Done"), or that it is still
 * blocked after them, with the report one click away. Read from the steps tried between the last two scans.
 */
export function Verdict({ diagnosis, tried }: { diagnosis: Diagnosis; tried: TriedStep[] }) {
  const goTo = useApp((s) => s.goTo);
  const scans = tried.flatMap((t, i) => (t.view === 'scan' && t.outcome ? [i] : []));
  const last = scans.at(-1);
  const before = scans.at(-2);
  if (last === undefined || before === undefined) return null;
  const between = tried.slice(before + 1, last).filter((t) => t.view !== 'scan');
  if (between.length === 0) return null;
  const steps = between.map((t) => t.what);
  if (diagnosis.outcome === 'ok' && tried[before]?.outcome !== 'ok') {
    return (
      <div className="banner banner-good" role="status" data-verdict="fixed">
        <strong>{text.verdict.fixed}</strong> {text.verdict.fixedBy(steps)}
      </div>
    );
  }
  if (diagnosis.outcome !== 'ok') {
    return (
      <div className="banner banner-warning" role="status" data-verdict="still-blocked">
        <strong>{text.verdict.stillBlocked(steps)}</strong> {text.verdict.nextStep}{' '}
        <button type="button" className="secondary" onClick={() => goTo('report')}>
          {text.verdict.openReport}
        </button>
      </div>
    );
  }
  return null;
}
