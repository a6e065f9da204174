import type { RouterStatus } from '../../../shared/model';
import { text } from '../../text';

/** What the router says about itself: name, internet link, WAN address, whether it offers a reconnect. */
export function RouterCard({ status }: { status: RouterStatus }) {
  if (!status.ok) {
    return (
      <div className="banner banner-warning" role="status" data-router="none">
        {text.router.none(status.error.message)}
      </div>
    );
  }
  const r = status.router;
  const name = r.gateway.friendlyName ?? r.gateway.modelName ?? text.router.yourRouter;
  return (
    <article className="finding finding-info" data-router="found">
      <header>
        <span className="badge">{text.router.badge}</span>
        <h3>{text.router.at(name, r.gateway.address)}</h3>
      </header>
      <dl className="facts">
        <div className="fact">
          <dt>{text.router.link}</dt>
          <dd>
            <code>{r.connectionStatus ?? text.router.unknown}</code>
          </dd>
        </div>
        <div className="fact">
          <dt>{text.router.wanIp}</dt>
          <dd>
            <code data-testid="router-wan-ip">{r.externalIp ?? text.router.notReported}</code>
          </dd>
        </div>
        {r.publicIp && (
          <div className="fact">
            <dt>{text.router.publicIp}</dt>
            <dd>
              <code>{r.publicIp}</code>
            </dd>
          </div>
        )}
        <div className="fact">
          <dt>{text.router.remoteReconnect}</dt>
          <dd>
            <code>{text.router.reconnect[r.reconnect]}</code>
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
