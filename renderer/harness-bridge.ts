/**
 * `window.accessDoctor` for a plain browser: the same Bridge as the preload's, carried by HTTP POST
 * (requests) and Server-Sent Events (events) to the harness on loopback. Loaded by the harness only,
 * never by the app.
 *
 * It imports types only: the name checks in shared/ipc bring zod with them, and the app cannot start until
 * this script has run (with them it was ~800 KB to parse first). The harness
 * checks every channel itself (an unknown one is answered `unknown-channel`), and an event is only handed
 * to listeners the app registered under that name (through `on`, typed to the known event names).
 */
import type { Bridge } from '../shared/ipc';
import { text } from './text';

const listeners = new Map<string, Set<(payload: never) => void>>();
let source: EventSource | null = null;

function ensureEvents(): void {
  if (source) return;
  source = new EventSource('/__harness/events');
  source.onmessage = (message) => {
    let parsed: { event?: unknown; payload?: unknown };
    try {
      parsed = JSON.parse(String(message.data)) as { event?: unknown; payload?: unknown };
    } catch {
      return;
    }
    if (typeof parsed.event !== 'string') return;
    for (const listener of listeners.get(parsed.event) ?? []) listener(parsed.payload as never);
  };
}

const bridge: Bridge = {
  async invoke(channel, input) {
    try {
      const res = await fetch('/__harness/rpc', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ channel, input }),
      });
      return await res.json();
    } catch (error) {
      console.warn('harness request failed', error);
      return {
        ok: false,
        error: { code: 'bridge', message: text.app.harnessSilent },
      };
    }
  },
  on(event, listener) {
    ensureEvents();
    let set = listeners.get(event);
    if (!set) {
      set = new Set();
      listeners.set(event, set);
    }
    const entry = listener as (payload: never) => void;
    set.add(entry);
    return () => {
      set.delete(entry);
    };
  },
};

Object.defineProperty(window, 'accessDoctor', { value: Object.freeze(bridge), configurable: false, writable: false });
