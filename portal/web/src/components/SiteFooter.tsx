import type { Commune } from '../types';
import { telHref } from '../format';

export function SiteFooter({ commune }: { commune: Commune | null }) {
  const city = commune ? [commune.postalCode, commune.city].filter(Boolean).join(' ') : '';
  return (
    <footer className="site-footer">
      <div className="site-footer__inner">
        {commune ? (
          <address>
            <strong>{commune.name}</strong>
            {commune.address && <span>{commune.address}</span>}
            {city && <span>{city}</span>}
            {commune.phone && (
              <span>
                Tél.&nbsp;: <a href={telHref(commune.phone)}>{commune.phone}</a>
              </span>
            )}
            {commune.email && (
              <span>
                Courriel&nbsp;: <a href={`mailto:${commune.email}`}>{commune.email}</a>
              </span>
            )}
            {commune.website && (
              <span>
                <a href={commune.website}>Site web de la commune</a>
              </span>
            )}
          </address>
        ) : (
          <p>Portail famille du pôle enfance-jeunesse</p>
        )}
        <p className="site-footer__credit">Portail famille Marelle</p>
      </div>
    </footer>
  );
}
