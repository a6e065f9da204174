import { describe, expect, it } from 'vitest';
import { createEmitter } from '../../../electron/core/events';

interface Events {
  changed: { to: string };
  error: string;
}

describe('createEmitter', () => {
  it('delivers each payload to the listeners of that event only', () => {
    const events = createEmitter<Events>();
    const changed: string[] = [];
    const errors: string[] = [];
    events.on('changed', (p) => changed.push(p.to));
    events.on('error', (m) => errors.push(m));
    events.emit('changed', { to: 'a' });
    events.emit('error', 'boom');
    expect(changed).toEqual(['a']);
    expect(errors).toEqual(['boom']);
  });

  it('keeps delivering when a listener throws, and never throws itself (not even for "error")', () => {
    const events = createEmitter<Events>();
    const seen: string[] = [];
    events.on('changed', () => {
      throw new Error('listener bug');
    });
    events.on('changed', (p) => seen.push(p.to));
    expect(() => events.emit('changed', { to: 'b' })).not.toThrow();
    expect(() => events.emit('error', 'nobody listens')).not.toThrow();
    expect(seen).toEqual(['b']);
  });

  it('unsubscribes exactly one listener, and clear() drops them all', () => {
    const events = createEmitter<Events>();
    const seen: string[] = [];
    const off = events.on('changed', (p) => seen.push(`first ${p.to}`));
    events.on('changed', (p) => seen.push(`second ${p.to}`));
    off();
    off();
    events.emit('changed', { to: 'c' });
    expect(seen).toEqual(['second c']);
    events.clear();
    events.emit('changed', { to: 'd' });
    expect(seen).toEqual(['second c']);
    expect(events.listenerCount('changed')).toBe(0);
  });

  it('delivers to the listeners present when the emit began', () => {
    const events = createEmitter<Events>();
    const seen: string[] = [];
    const offLate = { off: () => {} };
    events.on('changed', () => {
      events.on('changed', (p) => seen.push(`late ${p.to}`));
      offLate.off();
    });
    offLate.off = events.on('changed', (p) => seen.push(`removed meanwhile ${p.to}`));
    events.emit('changed', { to: 'e' });
    expect(seen).toEqual(['removed meanwhile e']);
    events.emit('changed', { to: 'f' });
    expect(seen).toContain('late f');
  });
});
