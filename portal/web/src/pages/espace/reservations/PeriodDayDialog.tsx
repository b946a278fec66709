import { useId, useState, type FormEvent } from 'react';
import { Modal } from '../../../components/Modal';
import { CancelChoice } from '../../../reservations/CancelChoice';
import { cancelKey, type BookItem, type DemandeItem } from '../../../reservations/demande';
import { formatCents, longDate, timeRange } from '../../../reservations/labels';
import {
  blockedReason,
  bookItem,
  cancellableBookings,
  holdingBookings,
  isBookable,
  isPast,
  unitName,
  unitOptions,
  type PlanningContext,
  type UnitOption,
} from '../../../reservations/planningModel';
import { OfferActions } from '../../../reservations/OfferActions';
import { StatusBadge } from '../../../reservations/StatusBadge';
import type { DayBooking, PlanningDay } from '../../../reservations/types';
import { useFocusById } from '../../../useFocusById';
import type { Id } from '../../../types';

export const PLANNING_ID_PREFIX = 'planning-periode';

interface Props {
  ctx: PlanningContext;
  date: string;
  day: PlanningDay | undefined;
  today: string | null;
  /** This planning's lines of the request being built, on this day. */
  demande: DemandeItem[];
  onClose: () => void;
  /** "Valider" of "Nouvelle présence": the day's booking lines of the request, replaced. */
  onPresence: (items: BookItem[]) => void;
  onRemove: (keys: string[]) => void;
  onCancelThisDay: (booking: DayBooking) => void;
  onCancelMoreDays: (booking: DayBooking) => void;
  /** « Accepter / Refuser la place » answered: the server's sentence. */
  onOfferAnswered: (message: string) => void;
}

/** The window of a day: its bookings, what the request adds, "Nouvelle présence", "Demander l'annulation". */
export function PeriodDayDialog({ ctx, date, day, today, demande, onClose, onPresence, onRemove, onCancelThisDay, onCancelMoreDays, onOfferAnswered }: Props) {
  const [presence, setPresence] = useState(false);
  const newId = useId();
  const focus = useFocusById();
  const bookable = isBookable(day, today);
  const bookings = day?.bookings ?? [];
  const cancellable = new Set(cancellableBookings(day, today).map((b) => b.id));
  const adds = demande.filter((i): i is BookItem => i.action === 'book');
  const cancels = new Set(demande.filter((i) => i.action === 'cancel').map((i) => i.key));
  const title = `${longDate(date)} — ${ctx.planning.child.firstName}`;

  if (presence && bookable) {
    return (
      <PresenceForm
        ctx={ctx}
        day={day}
        title={title}
        checkedAtFirst={adds.map((i) => i.unitId)}
        onBack={() => {
          setPresence(false);
          focus(newId);
        }}
        onClose={onClose}
        onValidate={onPresence}
      />
    );
  }

  return (
    <Modal title={title} onClose={onClose} returnFocusId={`${PLANNING_ID_PREFIX}-${date}`} wide>
      <DayStatus day={day} date={date} today={today} />
      <h3>Réservations de la journée</h3>
      {bookings.length === 0 ? (
        <p className="muted">Aucune réservation pour {ctx.planning.child.firstName} ce jour-là.</p>
      ) : (
        <ul className="day-bookings">
          {bookings.map((b) => {
            const what = `${unitName(ctx.service, b.unitId)}, ${ctx.planning.child.firstName}`;
            return (
              <li key={b.id} className={b.otherFamily ? 'day-booking day-booking--other' : 'day-booking'}>
                <p className="day-booking__what">
                  <strong>{unitName(ctx.service, b.unitId)}</strong> <StatusBadge status={b.status} offered={b.offerExpiresAt !== null} />
                </p>
                {/* An offer's reason repeats its deadline: the offer block below says it. */}
                {b.statusReason && b.offerExpiresAt === null && <p className="line-reason">{b.statusReason}</p>}
                {b.surchargeCents > 0 && <p className="muted">Réservée hors délai : majoration de {formatCents(b.surchargeCents)} (repas majoré).</p>}
                {b.otherFamily ? (
                  <p className="muted">Réservation liée à un autre compte (garde alternée) : consultation seulement.</p>
                ) : b.offerExpiresAt !== null ? (
                  <OfferActions bookingId={b.id} what={what} until={b.offerExpiresAt} onAnswered={onOfferAnswered} />
                ) : cancels.has(cancelKey(b.id)) ? (
                  <p>
                    Annulation ajoutée à votre demande en cours.{' '}
                    <button type="button" className="button--link" onClick={() => onRemove([cancelKey(b.id)])}>
                      Retirer l’annulation<span className="visually-hidden"> : {what}</span>
                    </button>
                  </p>
                ) : cancellable.has(b.id) ? (
                  <CancelChoice
                    what={what}
                    billedNotice={
                      b.billedIfCancelled
                        ? 'Hors délai : si vous annulez maintenant, cette journée reste facturée (règlement du service).'
                        : null
                    }
                    onThisDay={() => onCancelThisDay(b)}
                    onMoreDays={() => onCancelMoreDays(b)}
                  />
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {adds.length > 0 && (
        <>
          <h3>Dans votre demande en cours</h3>
          <ul className="day-bookings">
            {adds.map((i) => (
              <li key={i.key} className="day-booking day-booking--new">
                <p className="day-booking__what">
                  <strong>{i.unitName}</strong> <span className="state state--new">À ENVOYER</span>{' '}
                  <button type="button" className="button--link" onClick={() => onRemove([i.key])}>
                    Retirer<span className="visually-hidden"> : {i.unitName}</span>
                  </button>
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
      {bookable && (
        <p>
          <button
            id={newId}
            type="button"
            className="button button--primary"
            data-autofocus
            onClick={() => setPresence(true)}
          >
            Nouvelle présence
          </button>
        </p>
      )}
    </Modal>
  );
}

function DayStatus({ day, date, today }: { day: PlanningDay | undefined; date: string; today: string | null }) {
  if (!day) return <p className="day-status day-status--closed">Fermé : le service n’accueille pas les enfants ce jour-là.</p>;
  if (isPast(date, today)) return <p className="day-status day-status--closed">Journée passée : elle ne peut plus être réservée ni annulée.</p>;
  if (!day.open) return <p className="day-status day-status--closed">Fermé{day.closedReason ? ` : ${day.closedReason}` : ''}.</p>;
  const surcharge = Math.max(0, ...day.units.map((u) => u.price?.surchargeCents ?? 0));
  return (
    <>
      <p className="day-status day-status--open">Ouvert.</p>
      {day.late && (
        <p className="day-status day-status--late">
          <strong>Hors délai</strong> : toute demande doit être faite au plus tard 7 jours avant la date.
          {surcharge > 0
            ? ` Une réservation maintenant est majorée de ${formatCents(surcharge)} (repas majoré).`
            : ' Une réservation maintenant suit le règlement du service (elle peut être refusée).'}
        </p>
      )}
    </>
  );
}

function optionDetails(o: UnitOption): string {
  const parts: string[] = [];
  const times = timeRange(o.startTime, o.endTime);
  if (times) parts.push(times);
  if (o.priceCents !== null) parts.push(formatCents(o.priceCents));
  if (o.surchargeCents > 0) parts.push(`+ ${formatCents(o.surchargeCents)} (repas majoré)`);
  if (o.placesLeft !== null) {
    parts.push(o.placesLeft <= 0 ? 'complet' : o.placesLeft === 1 ? '1 place restante' : `${o.placesLeft} places restantes`);
  }
  return parts.join(' · ');
}

function PresenceForm({
  ctx,
  day,
  title,
  checkedAtFirst,
  onBack,
  onClose,
  onValidate,
}: {
  ctx: PlanningContext;
  day: PlanningDay;
  title: string;
  checkedAtFirst: Id[];
  onBack: () => void;
  onClose: () => void;
  onValidate: (items: BookItem[]) => void;
}) {
  const formId = useId();
  const options = unitOptions(ctx.service, day);
  const holding = holdingBookings(day);
  const [checked, setChecked] = useState<ReadonlySet<Id>>(() => new Set(checkedAtFirst));
  const groups: { legend: string; kind: UnitOption['kind'] }[] = [
    { legend: 'Accueils', kind: 'accueil' },
    { legend: 'Activités', kind: 'activite' },
  ];
  const full = options.some((o) => o.placesLeft !== null && o.placesLeft <= 0 && checked.has(o.unitId));

  function toggle(unitId: Id, on: boolean) {
    const next = new Set(checked);
    if (on) next.add(unitId);
    else next.delete(unitId);
    setChecked(next);
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const items = options
      .filter((o) => checked.has(o.unitId) && blockedReason(ctx.service, o.unitId, holding, checked) === null)
      .map((o) => bookItem(ctx, day.date, o.unitId, o.name));
    onValidate(items);
  }

  return (
    <Modal
      title={`Nouvelle présence — ${title}`}
      onClose={onClose}
      returnFocusId={`${PLANNING_ID_PREFIX}-${day.date}`}
      wide
      footer={
        <div className="form__actions">
          <button type="submit" form={formId} className="button button--primary">
            Valider
          </button>
          <button type="button" className="button button--secondary" onClick={onBack}>
            Retour à la journée
          </button>
        </div>
      }
    >
      <form id={formId} onSubmit={onSubmit} aria-label="Nouvelle présence">
        <p className="muted">Cochez les accueils souhaités, sans oublier les activités, puis validez.</p>
        {groups.map((g) => {
          const list = options.filter((o) => o.kind === g.kind);
          if (list.length === 0) return null;
          return (
            <fieldset key={g.kind} className="fieldset">
              <legend>{g.legend}</legend>
              {list.map((o, index) => {
                const reason = blockedReason(ctx.service, o.unitId, holding, checked);
                const booked = holding.some((b) => b.unitId === o.unitId);
                const id = `${formId}-${o.unitId}`;
                return (
                  <div key={o.unitId} className="field--check unit-option">
                    <input
                      id={id}
                      type="checkbox"
                      checked={booked || checked.has(o.unitId)}
                      disabled={reason !== null}
                      aria-describedby={`${id}-details${reason ? ` ${id}-reason` : ''}`}
                      onChange={(e) => toggle(o.unitId, e.target.checked)}
                      data-autofocus={g.kind === 'accueil' && index === 0 ? true : undefined}
                    />
                    <div>
                      <label htmlFor={id}>{o.name}</label>
                      <span id={`${id}-details`} className="unit-option__details">
                        {optionDetails(o)}
                      </span>
                      {reason && (
                        <span id={`${id}-reason`} className="unit-option__reason">
                          {reason}
                        </span>
                      )}
                    </div>
                  </div>
                );
              })}
            </fieldset>
          );
        })}
        {full && (
          <p className="notice">
            Plus de place sur un accueil coché : selon le service, la demande sera mise en liste d’attente ou refusée. Le
            récapitulatif vous le dira avant l’envoi.
          </p>
        )}
      </form>
    </Modal>
  );
}

