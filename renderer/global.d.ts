import type { Bridge } from '../shared/ipc';

declare global {
  interface Window {
    /** Provided by the preload in the app, or by the harness bridge in a browser. */
    accessDoctor?: Bridge;
  }
}
