/** The watch capability: what the shell, the CLI and the harness use of it. */
export { createHistoryStore, type HistoryStore } from '../ip/history';
export { routerAccessFor, watchSessionFor } from './app-session';
export { createWatchController, type WatchController } from './controller';
export { createWatchSession, type WatchEvents, type WatchSession, type WatchSessionDeps } from './session';
