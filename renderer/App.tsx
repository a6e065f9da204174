import { useEffect } from 'react';
import { api } from './api';
import { IpBadge } from './components/IpBadge';
import { STEPS } from './steps';
import { useApp } from './store';
import { useWatch } from './watch-store';

export function App() {
  const step = useApp((s) => s.step);
  const goTo = useApp((s) => s.goTo);
  useEffect(() => {
    void useWatch.getState().load();
    const offs = [
      api.on('progress', (p) => useApp.getState().applyProgress(p)),
      api.on('scanRequested', () => void useApp.getState().startScan()),
      api.on('watchState', (s) => useWatch.getState().applyState(s)),
      api.on('ipChanged', (c) => useWatch.getState().applyChange(c)),
      api.on('navigate', (n) => useApp.getState().goTo(n.view)),
    ];
    // Alt+1…9 jumps to a step, as the numbers in the step list suggest.
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const target = STEPS[Number(event.key) - 1];
      if (target) {
        event.preventDefault();
        useApp.getState().goTo(target.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      for (const off of offs) off();
      window.removeEventListener('keydown', onKey);
    };
  }, []);
  const Current = (STEPS.find((s) => s.id === step) ?? STEPS[0])?.Component ?? (() => null);
  return (
    <div className="app">
      <header className="topbar">
        <h1>Access Doctor</h1>
        <span className="tagline">Fix “Access denied” errors</span>
        <IpBadge />
      </header>
      <div className="body">
        <nav className="steps" aria-label="Steps">
          <ol>
            {STEPS.map((s, index) => (
              <li key={s.id}>
                <button
                  type="button"
                  aria-current={s.id === step ? 'step' : undefined}
                  aria-keyshortcuts={`Alt+${index + 1}`}
                  onClick={() => goTo(s.id)}
                >
                  <span className="step-number">{index + 1}</span>
                  <span>
                    <strong>{s.title}</strong>
                    <small>{s.purpose}</small>
                  </span>
                </button>
              </li>
            ))}
          </ol>
        </nav>
        <main>
          <Current />
        </main>
      </div>
    </div>
  );
}
