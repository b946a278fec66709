import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { addDays, isoWeekday } from '../../../../shared/calendar/dates';
import { WEEKDAYS_SHORT } from './labels';

export interface DayView {
  /** Accessible name: "mercredi 9 décembre 2026, ouvert, 1 réservation". */
  name: string;
  content: ReactNode;
  className?: string;
  /** Nothing to open (outside the period): still reachable, announced as unavailable. */
  inert?: boolean;
}

interface Props {
  /** Consecutive days shown (a month, or a week). */
  dates: string[];
  layout: 'month' | 'week';
  label: string;
  idPrefix: string;
  renderDay: (date: string) => DayView;
  onOpen: (date: string) => void;
  /**
   * The keyboard went past the first or last day: show the previous/next month (or week), then
   * `target` gets the focus; false when there is nothing there (the period's end).
   */
  onNavigate?: (direction: -1 | 1, target: string) => boolean;
}

export const dayButtonId = (prefix: string, date: string) => `${prefix}-${date}`;

const KEY_STEPS: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };

/**
 * Days as buttons in a month grid (wide screens) or a list (phones, and the week view). One day
 * is in the Tab order; the arrow keys move between days (up/down by week), Home/End to the
 * week's ends, Page Up/Down to the previous/next month.
 */
export function DayGrid({ dates, layout, label, idPrefix, renderDay, onOpen, onNavigate }: Props) {
  const [active, setActive] = useState<string | null>(null);
  const pendingFocus = useRef<string | null>(null);
  const current = active !== null && dates.includes(active) ? active : (dates[0] ?? null);

  useEffect(() => {
    const target = pendingFocus.current;
    if (target === null || !dates.includes(target)) return;
    pendingFocus.current = null;
    document.getElementById(dayButtonId(idPrefix, target))?.focus();
  }, [dates, idPrefix]);

  function move(target: string) {
    if (dates.includes(target)) {
      setActive(target);
      document.getElementById(dayButtonId(idPrefix, target))?.focus();
      return;
    }
    if (!onNavigate) return;
    pendingFocus.current = target;
    if (!onNavigate(target < (dates[0] ?? target) ? -1 : 1, target)) {
      pendingFocus.current = null;
      return;
    }
    setActive(target);
  }

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>, date: string) {
    const step = KEY_STEPS[event.key];
    let target: string | null = null;
    if (step !== undefined) target = addDays(date, step);
    else if (event.key === 'Home') target = addDays(date, 1 - isoWeekday(date));
    else if (event.key === 'End') target = addDays(date, 7 - isoWeekday(date));
    else if (event.key === 'PageUp') target = addDays(date, -28);
    else if (event.key === 'PageDown') target = addDays(date, 28);
    if (target === null) return;
    event.preventDefault();
    // Home/End stay among the shown days (the month starts or ends mid-week).
    const firstShown = dates[0];
    const lastShown = dates[dates.length - 1];
    if (event.key === 'Home' && firstShown !== undefined && target < firstShown) target = firstShown;
    if (event.key === 'End' && lastShown !== undefined && target > lastShown) target = lastShown;
    move(target);
  }

  const first = dates[0];
  return (
    <div className={`cal cal--${layout}`}>
      {layout === 'month' && (
        <div className="cal__head" aria-hidden="true">
          {WEEKDAYS_SHORT.map((d) => (
            <span key={d}>{d}</span>
          ))}
        </div>
      )}
      <ol className="cal__days" aria-label={label}>
        {dates.map((date) => {
          const view = renderDay(date);
          const style = layout === 'month' && date === first ? { gridColumnStart: isoWeekday(date) } : undefined;
          return (
            <li key={date} className="cal__cell" style={style}>
              <button
                id={dayButtonId(idPrefix, date)}
                type="button"
                className={`day ${view.className ?? ''}`}
                tabIndex={date === current ? 0 : -1}
                aria-label={view.name}
                aria-disabled={view.inert || undefined}
                onClick={() => {
                  setActive(date);
                  if (!view.inert) onOpen(date);
                }}
                onKeyDown={(event) => onKeyDown(event, date)}
              >
                {view.content}
              </button>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
