import { useCallback, useId, useMemo, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { addDays, datesBetween } from '../../../../../../shared/calendar/dates';
import { mondayOf } from '../../../../../../shared/bookings/recopie';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Modal } from '../../../components/Modal';
import { todayInFrance, formatDate } from '../../../format';
import { getFamilyPlanning } from '../../../reservations/api';
import { CancelChoice } from '../../../reservations/CancelChoice';
import { findPeriodFor } from '../../../reservations/catalog';
import { DayGrid, dayButtonId } from '../../../reservations/DayGrid';
import { cancelKey, useReservations } from '../../../reservations/demande';
import { bookingsCount, LIVE_STATUSES, longDate, monthBounds, monthTitle, shiftMonth, weekdayShort } from '../../../reservations/labels';
import { OfferActions } from '../../../reservations/OfferActions';
import { StatusBadge } from '../../../reservations/StatusBadge';
import { StateLegend } from '../../../reservations/StateLegend';
import type { FamilyPlanningBooking } from '../../../reservations/types';
import { useOfferAnswered } from '../../../reservations/offerEvents';
import { useRefreshable } from '../../../reservations/useRefreshable';

type View = 'month' | 'week';

const ID_PREFIX = 'planning-famille';

/** All the family's children and services on one planning, month or week (the guide's "un seul planning"). */
export function FamilyPlanning() {
  const [view, setView] = useState<View>('month');
  const [cursor, setCursor] = useState(() => todayInFrance());
  const [openDate, setOpenDate] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');
  const headingId = useId();
  const today = todayInFrance();

  const range = useMemo(() => {
    if (view === 'month') {
      const { first, last } = monthBounds(cursor.slice(0, 7));
      return { from: first, to: last };
    }
    const monday = mondayOf(cursor);
    return { from: monday, to: addDays(monday, 6) };
  }, [view, cursor]);
  const dates = useMemo(() => datesBetween(range.from, range.to), [range]);
  const load = useCallback((signal: AbortSignal) => getFamilyPlanning(range.from, range.to, signal), [range]);
  const { resource: planning, refresh } = useRefreshable(load);
  useOfferAnswered(refresh);
  const byDate = useMemo(() => {
    const map = new Map<string, FamilyPlanningBooking[]>();
    if (planning.status === 'ok') for (const day of planning.data.days) map.set(day.date, day.bookings);
    return map;
  }, [planning]);

  const title =
    view === 'month' ? monthTitle(cursor.slice(0, 7)) : `Semaine du ${formatDate(range.from)} au ${formatDate(range.to)}`;

  function shift(direction: -1 | 1, target?: string) {
    if (target) setCursor(target);
    else if (view === 'month') setCursor(`${shiftMonth(cursor.slice(0, 7), direction)}-01`);
    else setCursor(addDays(mondayOf(cursor), 7 * direction));
  }

  return (
    <div className="family-planning">
      <div className="planning-toolbar">
        <div className="segmented" role="group" aria-label="Affichage du planning">
          <button type="button" aria-pressed={view === 'month'} onClick={() => setView('month')}>
            Mois
          </button>
          <button type="button" aria-pressed={view === 'week'} onClick={() => setView('week')}>
            Semaine
          </button>
        </div>
        <div className="planning-nav">
          <button type="button" className="button button--secondary button--small" onClick={() => shift(-1)}>
            <span aria-hidden="true">‹ </span>
            {view === 'month' ? 'Mois précédent' : 'Semaine précédente'}
          </button>
          <h3 id={headingId} className="planning-nav__title" aria-live="polite">
            {title}
          </h3>
          <button type="button" className="button button--secondary button--small" onClick={() => shift(1)}>
            {view === 'month' ? 'Mois suivant' : 'Semaine suivante'}
            <span aria-hidden="true"> ›</span>
          </button>
        </div>
      </div>
      <StateLegend />
      {planning.status === 'error' && <ErrorAlert error={planning.error} />}
      <div aria-busy={planning.status === 'loading'}>
        {planning.status === 'loading' && <p className="loading">Chargement du planning…</p>}
        <DayGrid
          dates={dates}
          layout={view}
          label={title}
          idPrefix={ID_PREFIX}
          onOpen={setOpenDate}
          onNavigate={(direction, target) => {
            shift(direction, target);
            return true;
          }}
          renderDay={(date) => {
            const bookings = byDate.get(date) ?? [];
            const name = `${date === today ? 'aujourd’hui ' : ''}${longDate(date)}, ${bookingsCount(bookings)}`;
            return {
              name,
              className: bookings.length > 0 ? 'day--booked' : 'day--empty',
              content: (
                <>
                  <span className="day__date">
                    <span className="day__weekday">{weekdayShort(date)} </span>
                    {Number(date.slice(8))}
                    {date === today && <span className="day__today"> aujourd’hui</span>}
                  </span>
                  {bookings.length > 0 && (
                    <span className="day__items">
                      {bookings.map((b) => (
                        <span key={b.id} className={b.otherFamily ? 'chip chip--other' : 'chip'}>
                          <span className="chip__what">
                            {b.childName.split(' ')[0]} · {view === 'week' ? `${b.serviceName} · ${b.unitName}` : b.unitName}
                          </span>
                          <StatusBadge status={b.status} offered={b.offerExpiresAt !== null} />
                          {b.otherFamily && <span className="chip__other">autre compte</span>}
                        </span>
                      ))}
                    </span>
                  )}
                </>
              ),
            };
          }}
        />
      </div>
      <p role="status" className="status-region">
        {announce}
      </p>
      {openDate && (
        <FamilyDayDialog
          date={openDate}
          bookings={byDate.get(openDate) ?? []}
          onClose={() => setOpenDate(null)}
          onOfferAnswered={(message) => {
            setOpenDate(null);
            setAnnounce(message);
            refresh();
          }}
        />
      )}
    </div>
  );
}

function FamilyDayDialog({
  date,
  bookings,
  onClose,
  onOfferAnswered,
}: {
  date: string;
  bookings: FamilyPlanningBooking[];
  onClose: () => void;
  onOfferAnswered: (message: string) => void;
}) {
  const { catalog, items, add, remove } = useReservations();
  // Past days can no longer be cancelled (the parent's clock: the server checks again).
  const past = date < todayInFrance();
  const navigate = useNavigate();
  const location = useLocation();
  const pendingCancels = new Map(items.filter((i) => i.action === 'cancel').map((i) => [i.key, i]));

  return (
    <Modal title={`Réservations du ${longDate(date)}`} onClose={onClose} returnFocusId={dayButtonId(ID_PREFIX, date)}>
      {bookings.length === 0 ? (
        <p>Aucune réservation ce jour-là.</p>
      ) : (
        <ul className="day-bookings">
          {bookings.map((b) => {
            const ref = findPeriodFor(catalog, { id: b.serviceId, name: b.serviceName }, date);
            const inDemande = pendingCancels.has(cancelKey(b.id));
            const what = `${b.unitName}, ${b.childName}`;
            return (
              <li key={b.id} className={b.otherFamily ? 'day-booking day-booking--other' : 'day-booking'}>
                <p className="day-booking__what">
                  <strong>{b.childName}</strong> — {b.serviceName} — {b.unitName}
                </p>
                <p>
                  <StatusBadge status={b.status} offered={b.offerExpiresAt !== null} />
                </p>
                {!b.otherFamily && b.offerExpiresAt !== null && (
                  <OfferActions bookingId={b.id} what={what} until={b.offerExpiresAt} onAnswered={onOfferAnswered} />
                )}
                {b.otherFamily ? (
                  <p className="muted">Réservation liée à un autre compte (garde alternée) : consultation seulement.</p>
                ) : inDemande ? (
                  <p>
                    Annulation ajoutée à votre demande en cours.{' '}
                    <button type="button" className="button--link" onClick={() => remove([cancelKey(b.id)])}>
                      Retirer l’annulation<span className="visually-hidden"> : {what}</span>
                    </button>
                  </p>
                ) : b.offerExpiresAt === null && LIVE_STATUSES.has(b.status) && !past ? (
                  <CancelChoice
                    what={what}
                    billedNotice={null}
                    onThisDay={() => {
                      add([
                        {
                          action: 'cancel',
                          key: cancelKey(b.id),
                          bookingId: b.id,
                          childId: b.childId,
                          childName: b.childName,
                          serviceName: b.serviceName,
                          periodId: ref?.period.id ?? null,
                          date,
                          unitId: null,
                          unitName: b.unitName,
                        },
                      ]);
                      void navigate('/espace/reservations/recapitulatif', { state: { from: location.pathname } });
                    }}
                    onMoreDays={
                      ref
                        ? () =>
                            void navigate(`/espace/reservations/planning/${b.childId}/${ref.period.id}?annuler=${b.id}&date=${date}`)
                        : null
                    }
                  />
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </Modal>
  );
}
