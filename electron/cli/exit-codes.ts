/**
 * The `access-doctor` exit codes, defined once: the commands return them and the help text lists them
 * from this table.
 */
export const EXIT = {
  ok: 0,
  internal: 1,
  blocked: 2,
  unknown: 3,
  refused: 4,
  sameIp: 5,
  busy: 6,
  usage: 64,
  cancelled: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** What each code means, in the order the help lists them. */
export const EXIT_MEANINGS: readonly (readonly [ExitCode, string])[] = [
  [EXIT.ok, 'every site is reachable, or the command did what was asked'],
  [EXIT.blocked, 'a site is blocked or rate limited'],
  [EXIT.unknown, 'something could not be checked (no router, no answer, a timeout)'],
  [EXIT.refused, 'the router refuses a remote reconnect'],
  [EXIT.sameIp, 'reconnected, same public IP: the router reconnected but kept the address'],
  [EXIT.busy, 'a browser is running or has not saved its cookies: nothing was changed'],
  [EXIT.internal, 'an unexpected error'],
  [EXIT.usage, 'bad usage or a bad config file'],
  [EXIT.cancelled, 'stopped with Ctrl-C'],
];

export function exitCodesHelp(): string {
  return EXIT_MEANINGS.map(([code, meaning]) => `${String(code).padStart(5)} ${meaning}`).join('\n');
}
