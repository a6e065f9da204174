import type { CheckId, CheckProgress } from '../../shared/model';
import { text } from '../text';

/** Each mark says what the check found, in words as well as a symbol, never by colour alone. */
const MARK = text.checks.mark;

/** The checks in the order they started (the registry's order), each live while it runs. */
export function CheckList({ checks }: { checks: Partial<Record<CheckId, CheckProgress>> }) {
  const list = Object.values(checks).filter((p): p is CheckProgress => p !== undefined);
  return (
    <ul className="checks" aria-label={text.checks.list}>
      {list.map((p) => {
        const mark = p.state === 'finished' ? (p.mark ?? 'unavailable') : null;
        const state = mark ?? 'running';
        return (
          <li key={p.check} className={`check check-${state}`} data-check={p.check} data-state={state}>
            <span className="check-icon" aria-hidden="true">
              {mark ? MARK[mark].icon : <span className="spinner" />}
            </span>
            <span className="check-label">{p.label}</span>
            <span className="check-mark">{mark ? MARK[mark].text : text.checks.running}</span>
            <span className="check-detail">
              {p.detail ?? ''}
              {p.elapsedMs !== undefined ? text.checks.elapsed(p.elapsedMs) : ''}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
