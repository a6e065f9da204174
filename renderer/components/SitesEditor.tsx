import { useState } from 'react';
import type { AppError } from '../../shared/model';
import { api } from '../api';
import { useApp } from '../store';
import { text } from '../text';
import { ErrorBanner } from './ErrorBanner';

/** Add, remove or change the sites being checked; saved to the app's config.json, validated like the file. */
export function SitesEditor({ onDone }: { onDone(): void }) {
  const targets = useApp((s) => s.targets);
  const [sites, setSites] = useState<string[]>(targets);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [saving, setSaving] = useState(false);
  const add = () => {
    const value = draft.trim();
    if (!value) return;
    // A bare name is what people type: make it the https address a browser would open. Any other
    // scheme is kept as typed, so saving says why it is refused instead of guessing.
    const url = value.includes('://') ? value : `https://${value}/`;
    setSites((s) => (s.includes(url) ? s : [...s, url]));
    setDraft('');
  };
  const save = async () => {
    setSaving(true);
    const outcome = await api.setTargets(sites);
    setSaving(false);
    if (!outcome.ok) return setError(outcome.error);
    useApp.setState({ targets: outcome.value.targets, info: outcome.value });
    onDone();
  };
  return (
    <form
      className="sites-editor"
      aria-label={text.sites.form}
      onSubmit={(e) => {
        e.preventDefault();
        add();
      }}
    >
      <ul>
        {sites.map((site) => (
          <li key={site}>
            <code>{site}</code>
            <button
              type="button"
              onClick={() => setSites((s) => s.filter((x) => x !== site))}
              disabled={sites.length === 1}
              aria-label={text.sites.removeSite(site)}
            >
              {text.sites.remove}
            </button>
          </li>
        ))}
      </ul>
      <div className="actions">
        <label>
          {text.sites.add}{' '}
          <input value={draft} onChange={(e) => setDraft(e.currentTarget.value)} placeholder={text.sites.placeholder} />
        </label>
        <button type="submit">{text.sites.addButton}</button>
      </div>
      <ErrorBanner error={error} />
      <div className="actions">
        <button type="button" className="primary" onClick={() => void save()} disabled={saving}>
          {saving ? text.sites.saving : text.sites.save}
        </button>
        <button type="button" onClick={onDone}>
          {text.common.cancel}
        </button>
      </div>
    </form>
  );
}
