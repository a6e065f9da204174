import type { RouterStatus } from '../../../shared/model';

/** What the router says about itself: name, internet link, WAN address, whether it offers a reconnect. */
export function RouterCard({ status }: { status: RouterStatus }) {
  if (!status.ok) {
    return (
      <div className="banner banner-warning" role="status" data-router="none">
        No router answered over UPnP: {status.error.message} You can still restart it by hand below.
      </div>
    );
  }
  const r = status.router;
  const name = r.gateway.friendlyName ?? r.gateway.modelName ?? 'Your router';
  return (
    <article className="finding finding-info" data-router="found">
      <header>
        <span className="badge">Router</span>
        <h3>
          {name} at {r.gateway.address}
        </h3>
      </header>
      <dl className="facts">
        <div className="fact">
          <dt>Internet link</dt>
          <dd>
            <code>{r.connectionStatus ?? 'unknown'}</code>
          </dd>
        </div>
        <div className="fact">
          <dt>Router WAN IP</dt>
          <dd>
            <code data-testid="router-wan-ip">{r.externalIp ?? 'not reported'}</code>
          </dd>
        </div>
        {r.publicIp && (
          <div className="fact">
            <dt>Public IP sites see</dt>
            <dd>
              <code>{r.publicIp}</code>
            </dd>
          </div>
        )}
        <div className="fact">
          <dt>Remote reconnect</dt>
          <dd>
            <code>
              {r.reconnect === 'offered' ? 'offered' : r.reconnect === 'not-offered' ? 'not offered' : 'unknown'}
            </code>
          </dd>
        </div>
      </dl>
      {r.natWarning && (
        <p className="banner banner-warning" role="note">
          {r.natWarning.message}
        </p>
      )}
    </article>
  );
}
