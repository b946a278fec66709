import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, Outlet, useOutletContext } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { useMe, type EspaceContext } from '../../../espaceContext';
import { getCatalog } from '../../../reservations/api';
import {
  loadItems,
  ReservationsContext,
  saveItems,
  type BookItem,
  type DemandeItem,
  type ReservationsContextValue,
} from '../../../reservations/demande';
import type { Catalog } from '../../../reservations/types';
import { useResource } from '../../../useResource';
import type { Id } from '../../../types';

/** `/espace/reservations/*`: closed until staff validate the account; then the catalogue and the request being built. */
export function ReservationsLayout() {
  const { family } = useMe();
  if (!family.reservationsOpen) {
    return (
      <>
        <title>Réservations — Portail famille</title>
        <h1>Réservations</h1>
        <div className="notice">
          <p>
            <strong>Les réservations ne sont pas encore ouvertes pour votre compte.</strong>
          </p>
          <p>{family.statusMessage}</p>
          <p>Après validation de votre compte par nos services, vous pourrez accéder à la partie « Réservations ».</p>
          {(family.status === 'profile_incomplete' || family.status === 'rejected') && (
            <p>
              <Link to="/espace">Voir ce qu’il reste à faire et transmettre mon dossier</Link>
            </p>
          )}
        </div>
      </>
    );
  }
  return <OpenReservations familyId={family.id} />;
}

function OpenReservations({ familyId }: { familyId: Id }) {
  const catalog = useResource(getCatalog);
  if (catalog.status === 'loading') {
    return (
      <>
        <title>Réservations — Portail famille</title>
        <h1>Réservations</h1>
        <Loading />
      </>
    );
  }
  if (catalog.status === 'error') {
    return (
      <>
        <title>Réservations — Portail famille</title>
        <h1>Réservations</h1>
        <ErrorAlert error={catalog.error} />
      </>
    );
  }
  return <WithDemande familyId={familyId} catalog={catalog.data} />;
}

function WithDemande({ familyId, catalog }: { familyId: Id; catalog: Catalog }) {
  const espace = useOutletContext<EspaceContext>();
  const [items, setItems] = useState<DemandeItem[]>(() => loadItems(familyId));

  useEffect(() => saveItems(familyId, items), [familyId, items]);

  const add = useCallback((added: DemandeItem[]) => {
    setItems((current) => {
      const keys = new Set(current.map((i) => i.key));
      const next = [...current];
      for (const item of added) {
        if (keys.has(item.key)) continue;
        keys.add(item.key);
        next.push(item);
      }
      return next;
    });
  }, []);
  const remove = useCallback((keys: readonly string[]) => {
    const gone = new Set(keys);
    setItems((current) => current.filter((i) => !gone.has(i.key)));
  }, []);
  const replaceDay = useCallback((childId: Id, date: string, serviceName: string, next: BookItem[]) => {
    setItems((current) => [
      ...current.filter(
        (i) => !(i.action === 'book' && i.childId === childId && i.date === date && i.serviceName === serviceName),
      ),
      ...next,
    ]);
  }, []);
  const clear = useCallback(() => setItems([]), []);

  const value = useMemo<ReservationsContextValue>(
    () => ({ catalog, items, add, remove, replaceDay, clear }),
    [catalog, items, add, remove, replaceDay, clear],
  );
  return (
    <ReservationsContext.Provider value={value}>
      {/* The pages below still read the signed-in family (useMe). */}
      <Outlet context={espace} />
    </ReservationsContext.Provider>
  );
}
