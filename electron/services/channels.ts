/**
 * What a capability's channel handlers may use besides its own service: the journal (changes are backed
 * up through it) and the event forwarders the shell wires. Each capability folder that has channels
 * exports a `<name>Channels(service, ctx)` built on this; electron/handlers.ts lists them.
 */
import type { Channel, Handlers, PayloadOf } from '../../shared/ipc';
import type { Journal } from './journal';

export interface ChannelContext {
  /** The change journal; absent where nothing may be changed (a capability then refuses its changes). */
  journal?: Journal;
  emitRouterProgress?(payload: PayloadOf<'routerProgress'>): void;
  emitProxyChanged?(status: PayloadOf<'proxyChanged'>): void;
}

/** The handlers of some of the contract's channels, checked against the contract. */
export type ChannelHandlers<K extends Channel> = Pick<Handlers, K>;
