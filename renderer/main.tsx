import { StrictMode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './styles.css';

const root = document.getElementById('root');
if (root) {
  const app = createRoot(root);
  // The first screen is rendered, committed and its effects run (the Scan button takes the focus) in the
  // task that ran this script, not in scheduler tasks after it: on a busy machine each task waits its turn.
  flushSync(() =>
    app.render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
}
