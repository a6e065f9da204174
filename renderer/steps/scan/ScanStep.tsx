import { useEffect, useRef, useState } from 'react';
import type { CheckId, CheckProgress, Diagnosis, Finding } from '../../../shared/model';
import { host } from '../../../shared/text';
import { CheckList } from '../../components/CheckList';
import { FindingCard } from '../../components/FindingCard';
import { FixPlan } from '../../components/FixPlan';
import { SitesEditor } from '../../components/SitesEditor';
import { useApp } from '../../store';
import { text } from '../../text';
import { Verdict } from './Verdict';

const RANK: Record<Finding['severity'], number> = { problem: 0, warning: 1, info: 2, good: 3 };

/**
 * A finished diagnosis's own summaries are what the list shows: live progress can miss events (the event
 * stream may open after a fast check finished, or the page was reloaded), the diagnosis cannot.
 */
function checksOf(d: Diagnosis): Partial<Record<CheckId, CheckProgress>> {
  return Object.fromEntries(d.checks.map((c) => [c.check, { runId: d.runId, state: 'finished' as const, ...c }]));
}

export function ScanStep() {
  const { phase, checks, diagnosis, error, startScan, targets, tried } = useApp();
  const sites = targets.map(host);
  const siteText = text.scan.siteList(sites);
  const [editing, setEditing] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const headline = useRef<HTMLDivElement>(null);
  useEffect(() => button.current?.focus(), []);
  // When a scan ends, the keyboard focus goes to its result (the Scan button was disabled meanwhile).
  const finishedRun = phase === 'done' ? diagnosis?.runId : undefined;
  useEffect(() => {
    if (finishedRun && document.activeElement === document.body) headline.current?.focus();
  }, [finishedRun]);
  const findings = diagnosis ? [...diagnosis.findings].sort((a, b) => RANK[a.severity] - RANK[b.severity]) : [];
  return (
    <section className="step" aria-labelledby="scan-title">
      <h2 id="scan-title">{text.scan.title(siteText)}</h2>
      <p className="lead">{text.scan.lead}</p>
      <div className="actions">
        <button
          ref={button}
          type="button"
          className="primary"
          onClick={() => void startScan()}
          disabled={phase === 'scanning'}
          aria-keyshortcuts="Enter"
        >
          {phase === 'scanning' ? text.scan.scanning : phase === 'idle' ? text.scan.scan : text.scan.scanAgain}
        </button>
        <button type="button" onClick={() => setEditing(true)} disabled={editing || phase === 'scanning'}>
          {text.scan.changeSites}
        </button>
      </div>
      {editing && <SitesEditor onDone={() => setEditing(false)} />}
      {phase !== 'idle' && <CheckList checks={phase === 'done' && diagnosis ? checksOf(diagnosis) : checks} />}
      {phase === 'scanning' && (
        <div className="progress" role="progressbar" aria-label={text.scan.progress} aria-busy="true">
          <div className="progress-bar" />
        </div>
      )}
      {error && (
        <div className="banner banner-problem" role="alert">
          {text.scan.failed(error.message)}
        </div>
      )}
      {diagnosis && (
        <div aria-live="polite">
          <div
            ref={headline}
            tabIndex={-1}
            className={`banner banner-${diagnosis.headline.tone}`}
            role="status"
            data-outcome={diagnosis.outcome}
          >
            {diagnosis.headline.text}
          </div>
          {phase === 'done' && <Verdict diagnosis={diagnosis} tried={tried} />}
          {diagnosis.plan.length > 0 && <FixPlan steps={diagnosis.plan} finishedAt={diagnosis.finishedAt} />}
          <div className="findings">
            {findings.map((f) => (
              <FindingCard key={f.id} finding={f} />
            ))}
          </div>
        </div>
      )}
    </section>
  );
}
