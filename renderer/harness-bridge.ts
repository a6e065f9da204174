/**
 * `window.accessDoctor` for a plain browser: the same Bridge as the preload's, carried by HTTP POST
 * (requests) and Server-Sent Events (events) to the harness on loopback. Loaded by the harness only,
 * never by the app.
 */
import { type Bridge, isChannel, isEventName } from '../shared/ipc';
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
    if (!isEventName(parsed.event)) return;
    for (const listener of listeners.get(parsed.event) ?? []) listener(parsed.payload as never);
  };
}

const bridge: Bridge = {
  async invoke(channel, input) {
    if (!isChannel(channel)) return { ok: false, error: { code: 'unknown-channel', message: String(channel) } };
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
