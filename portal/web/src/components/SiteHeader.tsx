import type { ReactNode } from 'react';
import { Link } from 'react-router';

interface Props {
  communeName: string | null;
  home?: string;
  /** Right side of the bar (account actions). */
  actions?: ReactNode;
  /** Below the bar (maintenance banner). */
  children?: ReactNode;
}

/** Top banner: the portal's name and the commune's. */
export function SiteHeader({ communeName, home = '/', actions, children }: Props) {
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link to={home} className="site-header__brand">
          <img src="/favicon.svg" alt="" width="36" height="36" />
          <span>
            <span className="site-header__portal">Portail famille</span>
            {communeName && <span className="site-header__commune">{communeName}</span>}
          </span>
        </Link>
        {actions}
      </div>
      {children}
    </header>
  );
}
