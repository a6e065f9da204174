import type { CheckId, CheckMark, CheckProgress } from '../../shared/model';

/** Each mark says what the check found, in words as well as a symbol, never by colour alone. */
const MARK: Record<CheckMark, { icon: string; text: string }> = {
  fine: { icon: '✓', text: 'Fine' },
  problem: { icon: '!', text: 'Problem' },
  unavailable: { icon: '–', text: 'Not available' },
};

/** The checks in the order they started (the registry's order), each live while it runs. */
export function CheckList({ checks }: { checks: Partial<Record<CheckId, CheckProgress>> }) {
  const list = Object.values(checks).filter((p): p is CheckProgress => p !== undefined);
  return (
    <ul className="checks" aria-label="Checks">
      {list.map((p) => {
        const mark = p.state === 'finished' ? (p.mark ?? 'unavailable') : null;
        const state = mark ?? 'running';
        return (
          <li key={p.check} className={`check check-${state}`} data-check={p.check} data-state={state}>
            <span className="check-icon" aria-hidden="true">
              {mark ? MARK[mark].icon : <span className="spinner" />}
            </span>
            <span className="check-label">{p.label}</span>
            <span className="check-mark">{mark ? MARK[mark].text : 'Checking…'}</span>
            <span className="check-detail">
              {p.detail ?? ''}
              {p.elapsedMs !== undefined ? ` · ${p.elapsedMs} ms` : ''}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
