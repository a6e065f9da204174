import { useEffect } from 'react';
import { api } from './api';
import { STEPS } from './steps';
import { useApp } from './store';

export function App() {
  const step = useApp((s) => s.step);
  const goTo = useApp((s) => s.goTo);
  useEffect(() => {
    const offProgress = api.on('progress', (p) => useApp.getState().applyProgress(p));
    const offScan = api.on('scanRequested', () => void useApp.getState().startScan());
    return () => {
      offProgress();
      offScan();
    };
  }, []);
  const Current = (STEPS.find((s) => s.id === step) ?? STEPS[0])?.Component ?? (() => null);
  return (
    <div className="app">
      <header className="topbar">
        <h1>Access Doctor</h1>
        <span className="tagline">Fix “Access denied” errors</span>
      </header>
      <div className="body">
        <nav className="steps" aria-label="Steps">
          <ol>
            {STEPS.map((s, index) => (
              <li key={s.id}>
                <button type="button" aria-current={s.id === step ? 'step' : undefined} onClick={() => goTo(s.id)}>
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
