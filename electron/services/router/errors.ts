/**
 * Typed failures of the router service. Callers branch on `code` (stable strings) or on the class;
 * `name` is stable too so logs and `--json` stay readable after bundling.
 */
import { AppFailure } from '../../core/errors';

export type RouterErrorCode =
  | 'router-not-found'
  | 'router-no-interface'
  | 'router-no-wan-service'
  | 'router-location-refused'
  | 'router-bad-xml'
  | 'router-unsafe-xml'
  | 'router-bad-response'
  | 'router-unreachable';

export class RouterError extends AppFailure {
  constructor(
    override readonly code: RouterErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
    this.name = 'RouterError';
  }
}

/** Standard UPnP control error codes (UPnP Device Architecture + WANIPConnection/WANPPPConnection). */
export const UPNP_ERRORS: Readonly<Record<number, { name: string; meaning: string }>> = {
  401: { name: 'Invalid Action', meaning: 'The router does not offer this action.' },
  402: { name: 'Invalid Args', meaning: 'The router did not accept the arguments of this action.' },
  403: { name: 'Out of Sync', meaning: 'The router’s state changed while the action ran.' },
  501: { name: 'Action Failed', meaning: 'The router tried but the action failed.' },
  600: { name: 'Argument Value Invalid', meaning: 'The router rejected a value it was sent.' },
  601: { name: 'Argument Value Out of Range', meaning: 'A value sent to the router was out of range.' },
  602: { name: 'Optional Action Not Implemented', meaning: 'The router does not implement this optional action.' },
  603: { name: 'Out of Memory', meaning: 'The router ran out of memory for this action.' },
  604: { name: 'Human Intervention Required', meaning: 'The router wants someone to act on it directly.' },
  605: { name: 'String Argument Too Long', meaning: 'A text value sent to the router was too long.' },
  606: {
    name: 'Action not authorized',
    meaning: 'The router does not allow this action from the network (a remote reconnect is switched off or locked).',
  },
  703: {
    name: 'InactiveConnectionStateRequired',
    meaning: 'The connection must be disconnected before this action.',
  },
  704: { name: 'ConnectionSetupFailed', meaning: 'The router could not set the internet connection up.' },
  705: { name: 'ConnectionSetupInProgress', meaning: 'The router is already connecting.' },
  706: { name: 'ConnectionNotConfigured', meaning: 'The router’s internet connection is not configured.' },
  707: { name: 'DisconnectInProgress', meaning: 'The router is already disconnecting.' },
  708: { name: 'InvalidLayer2Address', meaning: 'The router’s line (layer 2) address is invalid.' },
  709: { name: 'InternetAccessDisabled', meaning: 'Internet access is disabled on the router.' },
  710: {
    name: 'InvalidConnectionType',
    meaning: 'This action does not fit the router’s connection type (e.g. an always-on line).',
  },
  711: { name: 'ConnectionAlreadyTerminated', meaning: 'The connection was already down.' },
  713: { name: 'SpecifiedArrayIndexInvalid', meaning: 'The router has no entry at that index.' },
  714: { name: 'NoSuchEntryInArray', meaning: 'The router has no such entry.' },
  715: { name: 'WildCardNotPermittedInSrcIP', meaning: 'The router needs a specific source address.' },
  716: { name: 'WildCardNotPermittedInExtPort', meaning: 'The router needs a specific external port.' },
  718: { name: 'ConflictInMappingEntry', meaning: 'Another device already uses that port mapping.' },
  724: { name: 'SamePortValuesRequired', meaning: 'The router needs the same internal and external port.' },
  725: { name: 'OnlyPermanentLeasesSupported', meaning: 'The router only supports permanent port mappings.' },
  726: { name: 'RemoteHostOnlySupportsWildcard', meaning: 'The router only accepts any remote host.' },
  727: { name: 'ExternalPortOnlySupportsWildcard', meaning: 'The router only accepts any external port.' },
  728: { name: 'NoPortMapsAvailable', meaning: 'The router has no room for more port mappings.' },
  729: { name: 'ConflictWithOtherMechanisms', meaning: 'Another mechanism on the router conflicts.' },
  732: { name: 'WildCardNotPermittedInIntPort', meaning: 'The router needs a specific internal port.' },
};

/** Codes that mean "this router will not do it remotely", as opposed to "it tried and failed". */
export const REFUSAL_CODES: ReadonlySet<number> = new Set([401, 602, 606, 709, 710]);

/** A SOAP fault from the router, with the UPnP error code kept (606 and 401 call for different words). */
export class UpnpSoapError extends AppFailure {
  readonly meaning: string;
  constructor(
    readonly action: string,
    readonly upnpCode: number | null,
    readonly description: string,
    readonly httpStatus: number,
  ) {
    const known = upnpCode !== null ? UPNP_ERRORS[upnpCode] : undefined;
    const meaning = known?.meaning ?? (upnpCode !== null ? 'The router refused the action.' : 'The router failed.');
    const label =
      upnpCode !== null ? `UPnP error ${upnpCode}${description ? ` "${description}"` : ''}` : `HTTP ${httpStatus}`;
    super(upnpCode !== null ? `upnp-${upnpCode}` : 'upnp-http-error', `${action}: ${meaning} (${label})`);
    this.name = 'UpnpSoapError';
    this.meaning = meaning;
    this.label = label;
  }

  /** `UPnP error 606 "Action not authorized"`, or `HTTP 500` when the router sent no UPnP fault. */
  readonly label: string;

  /** The router will not do this remotely: switch to the guided path rather than retrying. */
  get isRefusal(): boolean {
    if (this.upnpCode !== null) return REFUSAL_CODES.has(this.upnpCode);
    return this.httpStatus === 401 || this.httpStatus === 403 || this.httpStatus === 405;
  }
}
