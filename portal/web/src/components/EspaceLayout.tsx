import type { ReactNode } from 'react';
import { Link, Navigate, Outlet } from 'react-router';
import { getMe } from '../api';
import { usePortalData } from '../portalContext';
import type { EspaceContext } from '../espaceContext';
import { useLoaded } from '../useLoaded';
import { ErrorAlert } from './ErrorAlert';
import { EspaceNav } from './EspaceNav';
import { Loading } from './Loading';
import { LogoutButton } from './LogoutButton';
import { SiteFooter } from './SiteFooter';
import { SiteHeader } from './SiteHeader';
import { SkipLink } from './SkipLink';

function Frame({ actions, nav, children }: { actions?: ReactNode; nav?: ReactNode; children: ReactNode }) {
  const portal = usePortalData();
  return (
    <>
      <SkipLink />
      <SiteHeader communeName={portal?.commune.name ?? null} home="/espace" actions={actions} />
      {nav}
      <div className="layout layout--single">
        <main id="contenu" tabIndex={-1} className="layout__main">
          {children}
        </main>
      </div>
      <SiteFooter commune={portal?.commune ?? null} />
    </>
  );
}

/** "Mon espace" (/espace/*): needs a session; without one, back to the home page. */
export function EspaceLayout() {
  const loaded = useLoaded(getMe);
  const me = loaded.resource;

  if (me.status === 'loading') {
    return (
      <Frame>
        <h1>Mon espace</h1>
        <Loading />
      </Frame>
    );
  }
  if (me.status === 'error') {
    if (me.error.status === 401) return <Navigate to="/" replace />;
    return (
      <Frame>
        <title>Mon espace — Portail famille</title>
        <h1>Mon espace</h1>
        <ErrorAlert error={me.error} />
        <p>
          <Link to="/">Retour à l’accueil</Link>
        </p>
      </Frame>
    );
  }

  const actions = (
    <div className="site-header__account">
      <span className="site-header__family">{me.data.family.displayName}</span>
      <LogoutButton />
    </div>
  );
  return (
    <Frame actions={actions} nav={<EspaceNav />}>
      <Outlet context={{ me: me.data, refreshMe: loaded.refresh } satisfies EspaceContext} />
    </Frame>
  );
}
