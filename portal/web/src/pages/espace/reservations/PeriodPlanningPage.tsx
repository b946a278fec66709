import { useCallback, useId, useMemo, useState } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { NO_SERVICE_REASON } from '../../../../../../shared/bookings/rules';
import { datesBetween } from '../../../../../../shared/calendar/dates';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { formatDate } from '../../../format';
import { getPeriodPlanning } from '../../../reservations/api';
import { findPeriod, fullName } from '../../../reservations/catalog';
import { FocusedTitle } from '../../../reservations/FocusedTitle';
import { DayGrid } from '../../../reservations/DayGrid';
import { useReservations, type DemandeItem } from '../../../reservations/demande';
import { bookingsCount, formatInstant, longDate, monthBounds, monthTitle, plural, shiftMonth, weekdayShort } from '../../../reservations/labels';
import {
  cancelItem,
  isBookable,
  isPast,
  planningToday,
  unitName,
  type PlanningContext,
} from '../../../reservations/planningModel';
import { StateLegend } from '../../../reservations/StateLegend';
import { StatusBadge } from '../../../reservations/StatusBadge';
import type { CatalogService, DayBooking, PeriodPlanning, PlanningDay } from '../../../reservations/types';
import { useRefreshable } from '../../../reservations/useRefreshable';
import { DemandeBar, DemandePanel } from './DemandePanel';
import { PeriodDayDialog, PLANNING_ID_PREFIX } from './PeriodDayDialog';
import { RecopieDialog, type RecopieTarget } from './RecopieDialog';

/** `/espace/reservations/planning/:childId/:periodId`: the planning of one period for one child. */
export function PeriodPlanningPage() {
  const { childId, periodId } = useParams();
  const { catalog } = useReservations();
  const ref = findPeriod(catalog, Number(periodId));
  const load = useCallback(
    (signal: AbortSignal) => getPeriodPlanning(Number(childId), Number(periodId), signal),
    [childId, periodId],
  );
  const { resource: planning, refresh } = useRefreshable(load);

  const heading = (
    <>
      <title>{`Planning${ref ? ` — ${ref.service.name}` : ''} — Portail famille`}</title>
      <p className="breadcrumb">
        <Link to="/espace/reservations">Réservations</Link> ›{' '}
        <Link to={`/espace/reservations/ajouter/${childId ?? ''}`}>Choisir le service</Link>
      </p>
    </>
  );
  if (planning.status === 'loading') {
    return (
      <>
        {heading}
        <h1>Planning</h1>
        <Loading />
      </>
    );
  }
  if (ref && !ref.period.bookingsOpen) {
    return (
      <>
        {heading}
        <h1>Planning — {ref.period.name}</h1>
        <p className="notice">
          {ref.period.bookingsOpenAt
            ? `Les réservations de cette période ouvriront le ${formatInstant(ref.period.bookingsOpenAt)}.`
            : 'Les réservations de cette période ne sont pas encore ouvertes.'}
        </p>
      </>
    );
  }
  if (planning.status === 'error' || !ref) {
    return (
      <>
        {heading}
        <h1>Planning</h1>
        {planning.status === 'error' ? (
          <ErrorAlert error={planning.error} />
        ) : (
          <p role="alert" className="alert alert--error">
            Cette période n’est pas ouverte à la réservation.
          </p>
        )}
      </>
    );
  }
  return (
    <>
      {heading}
      <PlanningView key={`${childId}-${periodId}`} planning={planning.data} service={ref.service} onChanged={refresh} />
    </>
  );
}

function initialMonth(planning: PeriodPlanning, today: string | null, requested: string | null): string {
  if (requested && requested >= planning.period.startDate && requested <= planning.period.endDate) return requested.slice(0, 7);
  const open = planning.days.filter((d) => isBookable(d, today));
  const first = open.find((d) => !d.late) ?? open[0];
  return (first?.date ?? planning.period.startDate).slice(0, 7);
}

function PlanningView({ planning, service, onChanged }: { planning: PeriodPlanning; service: CatalogService; onChanged: () => void }) {
  const { items, add, remove, replaceDay } = useReservations();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const location = useLocation();
  const ctx: PlanningContext = useMemo(() => ({ planning, service }), [planning, service]);
  const today = planningToday(planning);
  const days = useMemo(() => new Map(planning.days.map((d) => [d.date, d])), [planning]);
  const [month, setMonth] = useState(() => initialMonth(planning, today, params.get('date')));
  const [openDate, setOpenDate] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');
  const recopieButtonId = useId();

  // "Plus de jours" from the family planning lands here with the booking to start from.
  const [recopie, setRecopie] = useState<RecopieTarget | null>(() => {
    const bookingId = Number(params.get('annuler'));
    if (!bookingId) return null;
    for (const d of planning.days) {
      const b = d.bookings.find((x) => x.id === bookingId);
      if (b) return { kind: 'cancel', date: d.date, unitId: b.unitId };
    }
    return null;
  });

  const mine = useMemo(
    () => items.filter((i) => i.childId === planning.child.id && i.periodId === planning.period.id),
    [items, planning],
  );
  const mineByDate = useMemo(() => {
    const map = new Map<string, DemandeItem[]>();
    for (const i of mine) map.set(i.date, [...(map.get(i.date) ?? []), i]);
    return map;
  }, [mine]);
  const inDemande = useMemo(() => new Set(items.map((i) => i.key)), [items]);

  const firstMonth = planning.period.startDate.slice(0, 7);
  const lastMonth = planning.period.endDate.slice(0, 7);
  const months = useMemo(() => {
    const list: string[] = [];
    for (let m = firstMonth; m <= lastMonth; m = shiftMonth(m, 1)) list.push(m);
    return list;
  }, [firstMonth, lastMonth]);
  const { first, last } = monthBounds(month);
  const dates = useMemo(() => datesBetween(first, last), [first, last]);

  function goToRecap() {
    void navigate('/espace/reservations/recapitulatif', { state: { from: location.pathname } });
  }

  function closeRecopie() {
    setRecopie(null);
    if (params.has('annuler')) {
      params.delete('annuler');
      setParams(params, { replace: true });
    }
  }

  function cancelThisDay(date: string, booking: DayBooking) {
    add([cancelItem(ctx, date, booking)]);
    setOpenDate(null);
    goToRecap();
  }

  function dayView(date: string) {
    const day: PlanningDay | undefined = days.get(date);
    const outside = date < planning.period.startDate || date > planning.period.endDate;
    const past = isPast(date, today);
    const pending = mineByDate.get(date) ?? [];
    const bookings = day?.bookings ?? [];
    const state = outside
      ? 'hors période'
      : !day
        ? 'fermé'
        : past
          ? 'passé'
          : day.open
            ? 'ouvert'
            : day.closedReason
              ? `fermé : ${day.closedReason}`
              : 'fermé';
    const isToday = date === today;
    const nameParts = [isToday ? `aujourd’hui ${longDate(date)}` : longDate(date), state];
    if (day?.open && day.late && !past) nameParts.push('hors délai');
    if (!outside && day) nameParts.push(bookingsCount(bookings));
    if (pending.length > 0) nameParts.push(`${plural(pending.length, 'ligne', 'lignes')} dans votre demande en cours`);
    const open = Boolean(day?.open) && !past;
    return {
      name: nameParts.join(', '),
      inert: outside || (!day && pending.length === 0),
      className: [
        outside ? 'day--outside' : open ? 'day--open' : 'day--closed',
        day?.late && open ? 'day--late' : '',
        pending.length > 0 ? 'day--pending' : '',
      ].join(' '),
      content: (
        <>
          <span className="day__date">
            <span className="day__weekday">{weekdayShort(date)} </span>
            {Number(date.slice(8))}
            {isToday && <span className="day__today"> aujourd’hui</span>}
          </span>
          {!outside && (
            <span className="day__state">
              {open ? 'Ouvert' : past ? 'Passé' : 'Fermé'}
              {/* Weekends and other days the service never opens: too common to repeat in every cell. */}
              {!open && !past && day?.closedReason && day.closedReason !== NO_SERVICE_REASON && (
                <span className="day__reason"> · {day.closedReason}</span>
              )}
            </span>
          )}
          {open && day?.late && <span className="day__late">Hors délai</span>}
          {bookings.length > 0 && (
            <span className="day__items">
              {bookings.map((b) => (
                <span key={b.id} className={b.otherFamily ? 'chip chip--other' : 'chip'}>
                  <span className="chip__what">{unitName(service, b.unitId)}</span>
                  <StatusBadge status={b.status} offered={b.offerExpiresAt !== null} />
                  {b.otherFamily && <span className="chip__other">autre compte</span>}
                </span>
              ))}
            </span>
          )}
          {pending.length > 0 && (
            <span className="day__items">
              {pending.map((i) => (
                <span key={i.key} className="chip chip--new">
                  <span className="chip__what">
                    {i.action === 'book' ? '+ ' : '− '}
                    {i.unitName}
                  </span>
                  <span className="state state--new">{i.action === 'book' ? 'À ENVOYER' : 'ANNULATION À ENVOYER'}</span>
                </span>
              ))}
            </span>
          )}
        </>
      ),
    };
  }

  const child = planning.child;
  return (
    <div className="period-planning">
      <FocusedTitle>
        Planning de {fullName(child)}
        <span className="h1-sub">
          {service.name} — {planning.period.name}
        </span>
      </FocusedTitle>
      <ol className="steps--inline" aria-label="Étapes">
        <li>Enfant</li>
        <li>Service</li>
        <li aria-current="step">Planning</li>
        <li>Récapitulatif</li>
      </ol>
      <p>
        Du {formatDate(planning.period.startDate)} au {formatDate(planning.period.endDate)}
        {planning.groupName && <> · groupe {planning.groupName}</>} ·{' '}
        {planning.service.approvalMode === 'manual'
          ? 'les demandes sont validées par le service en fonction des places (EN ATTENTE DE TRAITEMENT jusque-là).'
          : 'les demandes sont acceptées immédiatement tant qu’il reste des places.'}
      </p>
      {service.rulesText && (
        <details className="rules">
          <summary>Règlement du service : délais, majorations, annulations</summary>
          <p className="rules__text">{service.rulesText}</p>
        </details>
      )}
      <p className="muted">
        Cliquez sur une journée pour la réserver (« Nouvelle présence ») ou demander une annulation. Pour de nombreuses
        dates, utilisez le mode recopie.
      </p>

      <div className="planning-toolbar">
        <div className="planning-nav">
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={month <= firstMonth}
            onClick={() => setMonth(shiftMonth(month, -1))}
          >
            <span aria-hidden="true">‹ </span>Mois précédent
          </button>
          <label className="visually-hidden" htmlFor="planning-month">
            Mois affiché
          </label>
          <select id="planning-month" className="planning-nav__select" value={month} onChange={(e) => setMonth(e.target.value)}>
            {months.map((m) => (
              <option key={m} value={m}>
                {monthTitle(m)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={month >= lastMonth}
            onClick={() => setMonth(shiftMonth(month, 1))}
          >
            Mois suivant<span aria-hidden="true"> ›</span>
          </button>
        </div>
        <button id={recopieButtonId} type="button" className="button button--accent-outline" onClick={() => setRecopie({ kind: 'book' })}>
          MODE RECOPIE
        </button>
      </div>

      <StateLegend
        extra={
          <>
            <li>
              <span className="day__late">Hors délai</span> moins de 7 jours avant la date
            </li>
            <li>
              <span className="state state--new">À ENVOYER</span> dans votre demande en cours, pas encore envoyée
            </li>
          </>
        }
      />

      <h2 className="visually-hidden">{monthTitle(month)}</h2>
      <DayGrid
        dates={dates}
        layout="month"
        label={monthTitle(month)}
        idPrefix={PLANNING_ID_PREFIX}
        renderDay={dayView}
        onOpen={setOpenDate}
        onNavigate={(_, target) => {
          const m = target.slice(0, 7);
          if (m < firstMonth || m > lastMonth) return false;
          setMonth(m);
          return true;
        }}
      />

      <DemandePanel items={mine} otherCount={items.length - mine.length} onRemove={remove} />
      <p role="status" className="status-region">
        {announce}
      </p>
      <DemandeBar count={items.length} onNext={goToRecap} />

      {openDate && (
        <PeriodDayDialog
          ctx={ctx}
          date={openDate}
          day={days.get(openDate)}
          today={today}
          demande={mineByDate.get(openDate) ?? []}
          onClose={() => setOpenDate(null)}
          onRemove={remove}
          onPresence={(next) => {
            replaceDay(child.id, openDate, service.name, next);
            setOpenDate(null);
            setAnnounce(
              next.length === 0
                ? `Aucune présence demandée le ${formatDate(openDate)}.`
                : `${plural(next.length, 'présence ajoutée', 'présences ajoutées')} à votre demande pour le ${formatDate(openDate)}.`,
            );
          }}
          onCancelThisDay={(b) => cancelThisDay(openDate, b)}
          onOfferAnswered={(message) => {
            setOpenDate(null);
            setAnnounce(message);
            onChanged();
          }}
          onCancelMoreDays={(b) => {
            setOpenDate(null);
            setRecopie({ kind: 'cancel', date: openDate, unitId: b.unitId });
          }}
        />
      )}
      {recopie && (
        <RecopieDialog
          ctx={ctx}
          target={recopie}
          days={days}
          today={today}
          inDemande={inDemande}
          returnFocusId={recopie.kind === 'cancel' ? `${PLANNING_ID_PREFIX}-${recopie.date}` : recopieButtonId}
          onClose={closeRecopie}
          onValidate={(added) => {
            add(added);
            closeRecopie();
            const cancels = added.filter((i) => i.action === 'cancel').length;
            setAnnounce(
              cancels > 0
                ? `${plural(cancels, 'annulation ajoutée', 'annulations ajoutées')} à votre demande. Cliquez sur « Suivant » pour voir le récapitulatif.`
                : `${plural(added.length, 'ligne ajoutée', 'lignes ajoutées')} à votre demande. Cliquez sur « Suivant » pour voir le récapitulatif.`,
            );
          }}
        />
      )}
    </div>
  );
}

