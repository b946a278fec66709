import { Outlet } from 'react-router';
import { usePortal } from '../portalContext';
import { InfoMenu } from './InfoMenu';
import { MaintenanceBanner } from './MaintenanceBanner';
import { SiteFooter } from './SiteFooter';
import { SiteHeader } from './SiteHeader';
import { SkipLink } from './SkipLink';

/** Frame of the pages seen without logging in: header, left menu, content, footer. */
export function PublicLayout() {
  const portal = usePortal();
  const data = portal.status === 'ok' ? portal.data : null;
  return (
    <>
      <SkipLink />
      <SiteHeader communeName={data?.commune.name ?? null}>
        <MaintenanceBanner maintenance={data?.maintenance} />
      </SiteHeader>
      <div className="layout">
        <InfoMenu pages={portal.status === 'loading' ? null : (data?.infoPages ?? [])} />
        <main id="contenu" tabIndex={-1} className="layout__main">
          <Outlet />
        </main>
      </div>
      <SiteFooter commune={data?.commune ?? null} />
    </>
  );
}
