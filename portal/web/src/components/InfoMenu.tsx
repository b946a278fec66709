import { useId, useState } from 'react';
import { NavLink } from 'react-router';
import type { InfoPageSummary } from '../types';

interface Group {
  key: string;
  title: string;
  pages: InfoPageSummary[];
}

const GENERAL = 'Informations générales';

function groupByService(pages: InfoPageSummary[]): Group[] {
  const groups = new Map<string, Group>();
  for (const page of pages) {
    const key = page.service ? `s${page.service.id}` : 'general';
    let group = groups.get(key);
    if (!group) {
      group = { key, title: page.service?.name ?? GENERAL, pages: [] };
      groups.set(key, group);
    }
    group.pages.push(page);
  }
  const list = [...groups.values()];
  // General pages (règlement, guide…) first, then the services in the server's order.
  return [...list.filter((g) => g.key === 'general'), ...list.filter((g) => g.key !== 'general')];
}

/** Left menu "Informations pratiques"; collapsed under a toggle on small screens. */
export function InfoMenu({ pages }: { pages: InfoPageSummary[] | null }) {
  const [open, setOpen] = useState(false);
  const listId = useId();
  const groups = pages ? groupByService(pages) : [];

  return (
    <nav className="info-menu" aria-label="Informations pratiques">
      <button
        type="button"
        className="info-menu__toggle"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((o) => !o)}
      >
        <span aria-hidden="true" className="info-menu__icon">
          {open ? '−' : '+'}
        </span>
        Informations pratiques
      </button>
      <h2 className="info-menu__title">Informations pratiques</h2>
      <div id={listId} className={open ? 'info-menu__body is-open' : 'info-menu__body'}>
        {pages === null ? (
          <p className="muted">Chargement…</p>
        ) : groups.length === 0 ? (
          <p className="muted">Aucune information publiée pour le moment.</p>
        ) : (
          groups.map((group) => (
            <div key={group.key} className="info-menu__group">
              <h3>{group.title}</h3>
              <ul>
                {group.pages.map((page) => (
                  <li key={page.id}>
                    <NavLink to={`/infos/${encodeURIComponent(page.slug)}`} onClick={() => setOpen(false)}>
                      {page.title}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </div>
          ))
        )}
      </div>
    </nav>
  );
}
