import type { CheckId, CheckProgress } from '../../shared/model';

const ORDER: { id: CheckId; label: string }[] = [
  { id: 'public-ip', label: 'Public IP address' },
  { id: 'access', label: 'Site access' },
  { id: 'status', label: 'Service status' },
  { id: 'router', label: 'Home router' },
];

const ICON: Record<CheckProgress['state'], string> = {
  pending: '○',
  running: '',
  done: '✓',
  failed: '✗',
  skipped: '–',
};

export function CheckList({ checks }: { checks: Partial<Record<CheckId, CheckProgress>> }) {
  return (
    <ul className="checks" aria-label="Checks">
      {ORDER.map(({ id, label }) => {
        const p = checks[id];
        const state = p?.state ?? 'pending';
        return (
          <li key={id} className={`check check-${state}`} data-check={id} data-state={state}>
            <span className="check-icon" aria-hidden="true">
              {state === 'running' ? <span className="spinner" /> : ICON[state]}
            </span>
            <span className="check-label">{p?.label ?? label}</span>
            <span className="check-detail">
              {state === 'running' ? 'checking…' : (p?.detail ?? 'waiting')}
              {p?.elapsedMs !== undefined ? ` · ${p.elapsedMs} ms` : ''}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
