import { useId, useMemo, useState } from 'react';
import { addDays, isoWeekday, type IsoWeekday } from '../../../../../../shared/calendar/dates';
import { expandRecopie, groupByMonth, mondayOf, recopieProblem, type RecopieMode } from '../../../../../../shared/bookings/recopie';
import { Modal } from '../../../components/Modal';
import { formatDate } from '../../../format';
import type { DemandeItem } from '../../../reservations/demande';
import { monthTitle, plural, weekdayShort } from '../../../reservations/labels';
import {
  cancellableBookings,
  isBookable,
  recopieBookings,
  recopieCancellations,
  unitName,
  type PlanningContext,
} from '../../../reservations/planningModel';
import type { PlanningDay } from '../../../reservations/types';
import type { Id } from '../../../types';

const MODES: { value: RecopieMode; label: string }[] = [
  { value: 'range', label: 'De date à date' },
  { value: 'weekdays', label: 'Les jours de votre choix' },
  { value: 'alternate', label: 'Une semaine sur deux' },
  { value: 'period', label: 'L’ensemble de la période' },
];

const WEEKDAY_NAMES = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'] as const;

export type RecopieTarget = { kind: 'book' } | { kind: 'cancel'; date: string; unitId: Id };

interface Props {
  ctx: PlanningContext;
  target: RecopieTarget;
  days: ReadonlyMap<string, PlanningDay>;
  today: string | null;
  inDemande: ReadonlySet<string>;
  onValidate: (items: DemandeItem[]) => void;
  onClose: () => void;
  returnFocusId: string;
}

/**
 * The guide's MODE RECOPIE: « De date à date », « Les jours de votre choix », « Une semaine sur
 * deux », « L’ensemble de la période ». Only open days are filled (when cancelling: the child's
 * bookings), and the dates are listed, month by month, before "Valider", which stays in view.
 */
export function RecopieDialog({ ctx, target, days, today, inDemande, onValidate, onClose, returnFocusId }: Props) {
  const cancelling = target.kind === 'cancel';
  const id = useId();
  const { period } = ctx.planning;

  // The days the rule may fill.
  const openDays = useMemo(() => [...days.values()].filter((d) => isBookable(d, today)), [days, today]);
  const lateCount = openDays.filter((d) => d.late).length;
  const bookedDays = useMemo(
    () => [...days.values()].filter((d) => cancellableBookings(d, today).length > 0),
    [days, today],
  );

  const unitChoices: Id[] = useMemo(() => {
    if (cancelling) {
      const ids = new Set<Id>();
      for (const d of bookedDays) for (const b of cancellableBookings(d, today)) ids.add(b.unitId);
      return [...ids];
    }
    return ctx.service.units.filter((u) => u.kind === 'accueil').map((u) => u.id);
  }, [cancelling, bookedDays, today, ctx.service.units]);

  const firstOpen = openDays[0]?.date ?? period.startDate;
  const firstOnTime = openDays.find((d) => !d.late)?.date ?? firstOpen;
  const [mode, setMode] = useState<RecopieMode>('range');
  const [from, setFrom] = useState(target.kind === 'cancel' ? target.date : firstOnTime);
  const [to, setTo] = useState(target.kind === 'cancel' ? target.date : period.endDate);
  const [weekdays, setWeekdays] = useState<IsoWeekday[]>([]);
  const [parity, setParity] = useState<0 | 1>(0);
  const [units, setUnits] = useState<Id[]>(() =>
    target.kind === 'cancel' ? [target.unitId] : unitChoices.length === 1 ? unitChoices : [],
  );
  const [includeLate, setIncludeLate] = useState(false);

  const candidates = cancelling
    ? bookedDays.filter((d) => cancellableBookings(d, today).some((b) => units.includes(b.unitId))).map((d) => d.date)
    : openDays.filter((d) => includeLate || !d.late).map((d) => d.date);
  const presentWeekdays = [...new Set((cancelling ? bookedDays : openDays).map((d) => isoWeekday(d.date)))].sort();

  const input = { mode, from: from || null, to: to || null, weekdays, startWeekParity: parity };
  const problem = recopieProblem(input) ?? (units.length === 0 ? (cancelling ? 'Cochez au moins un accueil à annuler.' : 'Cochez au moins un accueil à recopier.') : null);
  const dates = problem ? [] : expandRecopie({ ...input, days: candidates });
  const result = cancelling
    ? recopieCancellations(ctx, days, dates, units, today, inDemande)
    : recopieBookings(ctx, days, dates, units, inDemande);
  const months = groupByMonth(result.dates);
  const count = result.items.length;
  const anchorMonday = mondayOf(from || candidates[0] || period.startDate);

  const showDates = mode !== 'period';
  const showWeekdays = mode === 'weekdays' || mode === 'alternate';

  function toggleUnit(unitId: Id, on: boolean) {
    const unit = ctx.service.units.find((u) => u.id === unitId);
    setUnits((current) => {
      if (!on) return current.filter((u) => u !== unitId);
      // Incompatible units are disabled while one is checked; this keeps the choice sound whatever the order of clicks.
      return [...current.filter((u) => !(unit?.incompatibleWith.includes(u) ?? false)), unitId];
    });
  }

  const incompatibleReason = (unitId: Id): string | null => {
    for (const other of units) {
      if (other === unitId) continue;
      const a = ctx.service.units.find((u) => u.id === unitId);
      const b = ctx.service.units.find((u) => u.id === other);
      if (a?.incompatibleWith.includes(other) || b?.incompatibleWith.includes(unitId)) return `incompatible avec ${unitName(ctx.service, other)}`;
    }
    return null;
  };

  const validateLabel = cancelling ? `Valider (${plural(count, 'annulation', 'annulations')})` : `Valider (${plural(count, 'ligne', 'lignes')})`;

  return (
    <Modal
      title={cancelling ? 'Annuler plusieurs jours — mode recopie' : 'Mode recopie'}
      onClose={onClose}
      returnFocusId={returnFocusId}
      wide
      footer={
        <div className="recopie-foot">
          <p className="recopie-foot__count" aria-live="polite">
            {problem ?? (count === 0 ? 'Aucune date à ajouter.' : `${plural(result.dates.length, 'date', 'dates')}, ${plural(count, cancelling ? 'annulation' : 'ligne', cancelling ? 'annulations' : 'lignes')}`)}
          </p>
          <div className="form__actions">
            <button
              type="button"
              className="button button--primary"
              disabled={count === 0}
              onClick={() => onValidate(result.items)}
            >
              {validateLabel}
            </button>
            <button type="button" className="button button--secondary" onClick={onClose}>
              Retour au planning
            </button>
          </div>
        </div>
      }
    >
      <p className="muted">
        {cancelling
          ? `Précisez les jours à annuler pour ${ctx.planning.child.firstName} : seules ses réservations en cours de ce service sont concernées.`
          : `Précisez les jours à réserver pour ${ctx.planning.child.firstName} : seuls les jours d’ouverture du service sont remplis.`}
      </p>
      <div className="recopie">
        <fieldset className="fieldset">
          <legend>Recopier</legend>
          {MODES.map((m) => (
            <div key={m.value} className="field--check">
              <input
                id={`${id}-mode-${m.value}`}
                type="radio"
                name={`${id}-mode`}
                checked={mode === m.value}
                onChange={() => setMode(m.value)}
                data-autofocus={mode === m.value ? true : undefined}
              />
              <label htmlFor={`${id}-mode-${m.value}`}>{m.label}</label>
            </div>
          ))}
        </fieldset>

        {showDates && (
          <fieldset className="fieldset recopie__dates">
            <legend>Dates</legend>
            <div className="field">
              <label htmlFor={`${id}-from`}>Du</label>
              <input id={`${id}-from`} type="date" value={from} min={period.startDate} max={period.endDate} onChange={(e) => setFrom(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-to`}>Au</label>
              <input id={`${id}-to`} type="date" value={to} min={period.startDate} max={period.endDate} onChange={(e) => setTo(e.target.value)} />
            </div>
          </fieldset>
        )}

        {showWeekdays && (
          <fieldset className="fieldset">
            <legend>{mode === 'alternate' ? 'Jours de la semaine (tous si aucun n’est coché)' : 'Jours de la semaine'}</legend>
            <div className="weekday-checks">
              {presentWeekdays.map((w) => (
                <div key={w} className="field--check">
                  <input
                    id={`${id}-wd-${w}`}
                    type="checkbox"
                    checked={weekdays.includes(w)}
                    onChange={(e) => setWeekdays(e.target.checked ? [...weekdays, w].sort() : weekdays.filter((x) => x !== w))}
                  />
                  <label htmlFor={`${id}-wd-${w}`}>{WEEKDAY_NAMES[w - 1]}</label>
                </div>
              ))}
            </div>
          </fieldset>
        )}

        {mode === 'alternate' && (
          <fieldset className="fieldset">
            <legend>Semaines</legend>
            {([0, 1] as const).map((p) => (
              <div key={p} className="field--check">
                <input id={`${id}-parity-${p}`} type="radio" name={`${id}-parity`} checked={parity === p} onChange={() => setParity(p)} />
                <label htmlFor={`${id}-parity-${p}`}>
                  La semaine du {formatDate(addDays(anchorMonday, 7 * p))}, puis une semaine sur deux
                </label>
              </div>
            ))}
          </fieldset>
        )}

        <fieldset className="fieldset">
          <legend>{cancelling ? 'Accueils à annuler' : 'Accueils à recopier'}</legend>
          {unitChoices.map((unitId) => {
            const reason = incompatibleReason(unitId);
            const unit = ctx.service.units.find((u) => u.id === unitId);
            return (
              <div key={unitId} className="field--check unit-option">
                <input
                  id={`${id}-unit-${unitId}`}
                  type="checkbox"
                  checked={units.includes(unitId)}
                  aria-describedby={reason ? `${id}-unit-${unitId}-reason` : undefined}
                  onChange={(e) => toggleUnit(unitId, e.target.checked)}
                  disabled={reason !== null && !units.includes(unitId)}
                />
                <div>
                  <label htmlFor={`${id}-unit-${unitId}`}>{unitName(ctx.service, unitId)}</label>
                  {unit?.startTime && unit.endTime && (
                    <span className="unit-option__details">
                      {unit.startTime.replace(':', 'h')}–{unit.endTime.replace(':', 'h')}
                    </span>
                  )}
                  {reason && !units.includes(unitId) && (
                    <span id={`${id}-unit-${unitId}-reason`} className="unit-option__reason">
                      {reason}
                    </span>
                  )}
                </div>
              </div>
            );
          })}
        </fieldset>

        {!cancelling && lateCount > 0 && (
          <div className="field--check">
            <input
              id={`${id}-late`}
              type="checkbox"
              checked={includeLate}
              onChange={(e) => {
                const on = e.target.checked;
                setIncludeLate(on);
                // The first day offered follows, unless the parent chose another one.
                if (on && from === firstOnTime) setFrom(firstOpen);
                if (!on && from === firstOpen) setFrom(firstOnTime);
              }}
            />
            <label htmlFor={`${id}-late`}>
              Inclure aussi les {plural(lateCount, 'jour hors délai', 'jours hors délai')} (moins de 7 jours : majoration ou refus
              selon le règlement du service)
            </label>
          </div>
        )}
      </div>

      <section className="recopie-preview" aria-labelledby={`${id}-preview`}>
        <h3 id={`${id}-preview`}>
          {cancelling ? 'Dates à annuler' : 'Dates à réserver'} : {plural(result.dates.length, 'date', 'dates')}
        </h3>
        {result.skipped.length > 0 && (
          <p className="muted">
            {plural(result.skipped.length, 'date ignorée', 'dates ignorées')} :{' '}
            {cancelling ? 'déjà dans votre demande.' : 'déjà réservées, incompatibles ou déjà dans votre demande.'}
          </p>
        )}
        {months.length === 0 ? (
          <p className="muted">Aucune date pour le moment : choisissez le mode de recopie, les dates et les accueils.</p>
        ) : (
          <ul className="month-groups">
            {months.map((m) => (
              <li key={m.month}>
                <details open={months.length === 1}>
                  <summary>
                    {monthTitle(m.month)} — {plural(m.dates.length, 'date', 'dates')}
                  </summary>
                  <ul className="date-list">
                    {m.dates.map((d) => (
                      <li key={d}>
                        {weekdayShort(d)} {formatDate(d)}
                      </li>
                    ))}
                  </ul>
                </details>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Modal>
  );
}
