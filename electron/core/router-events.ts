/**
 * The contract between whoever hears the router's events (router/gena.ts speaks GENA) and whoever
 * acts on them (the IP monitor). It lives below both so neither capability imports the other.
 */

/** Variables of one accepted event, e.g. `{ ExternalIPAddress: '203.0.113.9' }`. */
export type RouterEventVars = Record<string, string>;

export interface RouterSubscription {
  stop(): Promise<void>;
}

export interface RouterEventListener {
  onEvent(vars: RouterEventVars): void;
  /** Renewals stopped working after the subscription was granted. */
  onLost(reason: string): void;
}

export interface RouterEvents {
  /** Rejects when the router refuses the subscription; `onLost` when renewals stop working later. */
  subscribe(listener: RouterEventListener): Promise<RouterSubscription>;
}
