/** What the service's status page says, in words that agree with the check mark and the headline. Pure. */
import type { AccessResult, Finding, Link, ServiceStatus, StatusIndicator, StatusResult } from '../../../shared/model';
import { sentences } from '../../../shared/text';
import { isRefused } from '../../../shared/verdict';

/** One wording per indicator, used by the check line, the finding and the plan alike. */
export const INDICATOR_WORDS: Record<StatusIndicator, string> = {
  none: 'no problems',
  minor: 'minor problems',
  major: 'a major outage',
  critical: 'a critical outage',
  maintenance: 'maintenance',
  unknown: 'no clear state',
};

export const isOutage = (s: ServiceStatus) => s.indicator === 'major' || s.indicator === 'critical';
const isTrouble = (s: ServiceStatus) => s.indicator === 'minor' || s.indicator === 'maintenance';

/** The page a person reads: the status site's home, not the API endpoint the app asked. */
export function statusPageLink(source: string): Link | undefined {
  try {
    const url = new URL(source);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    return { label: 'Open the status page', url: `${url.origin}/` };
  } catch {
    return undefined;
  }
}

export function statusFindings(status: StatusResult | undefined, access: AccessResult[]): Finding[] {
  if (!status) return [];
  if (!status.ok) {
    const link = statusPageLink(status.source);
    return [
      {
        id: 'status-unknown',
        kind: 'status-unknown',
        severity: 'info',
        title: 'Could not read the service status page.',
        detail: sentences(status.error.message, 'You can look at the status page yourself'),
        ...(link ? { links: [link] } : {}),
      },
    ];
  }
  const s = status.status;
  const link = statusPageLink(s.source);
  const links = link ? { links: [link] } : {};
  const ongoing = s.incidents.length > 0 && `Ongoing: ${s.incidents.map((i) => i.name).join('; ')}`;
  if (s.indicator === 'unknown') {
    return [
      {
        id: 'status',
        kind: 'status-unknown',
        severity: 'info',
        title: 'The status page gave no clear answer.',
        detail: sentences(`It says “${s.description}”`),
        ...links,
      },
    ];
  }
  if (isOutage(s) || isTrouble(s)) {
    return [
      {
        id: 'status',
        kind: 'outage',
        severity: isOutage(s) ? 'problem' : 'warning',
        title: sentences(`The service reports ${INDICATOR_WORDS[s.indicator]}`),
        detail: sentences(`Its status page says “${s.description}”`, ongoing),
        ...links,
      },
    ];
  }
  const refused = access.some((a) => isRefused(a.verdict));
  return [
    {
      id: 'status',
      kind: 'status-ok',
      severity: 'good',
      title: 'The service reports no problems.',
      detail: refused
        ? sentences('So the refusal is about your connection or browser, not an outage')
        : sentences(`Its status page says “${s.description}”`),
      ...links,
    },
  ];
}
