import type { Finding } from '../../shared/model';
import { text } from '../text';
import { CopyButton } from './CopyButton';
import { LinkButton } from './LinkButton';

const SEVERITY_TEXT = text.finding.severity;

export function FindingCard({ finding }: { finding: Finding }) {
  return (
    <article className={`finding finding-${finding.severity}`} data-kind={finding.kind}>
      <header>
        <span className="badge">{SEVERITY_TEXT[finding.severity]}</span>
        <h3>{finding.title}</h3>
      </header>
      <p>{finding.detail}</p>
      {finding.facts && finding.facts.length > 0 && (
        <dl className="facts">
          {finding.facts.map((fact) => (
            <div key={`${fact.label}:${fact.value}`} className="fact">
              <dt>{fact.label}</dt>
              <dd>
                <code>{fact.value}</code>
                {fact.copy && <CopyButton value={fact.value} label={fact.label} />}
              </dd>
            </div>
          ))}
        </dl>
      )}
      {finding.links?.map((link) => (
        <LinkButton key={link.url} link={link} />
      ))}
    </article>
  );
}
