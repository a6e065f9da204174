import { useState } from 'react';
import type { Link } from '../../shared/model';
import { api } from '../api';
import { text } from '../text';
import { CopyButton } from './CopyButton';

/**
 * Opens a page in the user's browser through the shell (which checks the URL). Where the shell cannot
 * (the browser harness), the address is shown with a copy button instead: no dead end.
 */
export function LinkButton({ link }: { link: Link }) {
  const [shown, setShown] = useState(false);
  return (
    <span className="link-button">
      <button
        type="button"
        className="secondary"
        onClick={() => {
          void api.openExternal(link.url).then((o) => {
            if (!o.ok || !o.value.opened) setShown(true);
          });
        }}
      >
        {link.label}
      </button>
      {shown && (
        <span className="link-address">
          {text.link.openByHand} <code>{link.url}</code>
          <CopyButton value={link.url} label={text.copy.address} />
        </span>
      )}
    </span>
  );
}
