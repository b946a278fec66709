import { formatDate } from '../format';
import { formatCents, STATUS_LABELS, weekdayShort } from './labels';
import { StatusBadge } from './StatusBadge';
import type { BookingStatus, PreviewLine } from './types';

export interface LineRow {
  key: string;
  /** The preview or the final answer; null when the server refused the request as a whole. */
  line: PreviewLine | null;
  /** What the parent asked (shown when there is no answer). */
  asked: { action: 'book' | 'cancel'; date: string; childName: string; serviceName: string; unitName: string };
  /** The server's objection to this line (400 `issues` `lines.N`). */
  issue: string | null;
}

/** "3 lignes : 2 ACCEPTÉE, 1 REFUSÉE". */
export function outcomeSummary(lines: readonly PreviewLine[]): string {
  const counts = new Map<BookingStatus, number>();
  for (const l of lines) counts.set(l.outcome, (counts.get(l.outcome) ?? 0) + 1);
  return [...counts].map(([s, n]) => `${n} ${STATUS_LABELS[s]}`).join(', ');
}

function ReasonCell({ line }: { line: PreviewLine }) {
  if (line.action === 'cancel') {
    return line.stillBilled ? (
      <span className="line-reason line-reason--billed">Reste facturée.{line.reason ? ` ${line.reason}` : ''}</span>
    ) : (
      <span className="line-reason">Non facturée.{line.reason ? ` ${line.reason}` : ''}</span>
    );
  }
  return line.reason ? <span className="line-reason">{line.reason}</span> : null;
}

/**
 * The lines of a request (recap or confirmation): date dd/mm/yyyy, child, service, unit, price,
 * surcharge ("repas majoré"), state with its reason. A table on wide screens, cards on phones.
 */
export function LinesTable({
  rows,
  caption,
  stateTitle,
  onRemove,
}: {
  rows: LineRow[];
  caption: string;
  stateTitle: string;
  onRemove?: (key: string) => void;
}) {
  return (
    <div className="table-wrap">
      <table className="lines-table lines-table--recap">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Enfant</th>
            <th scope="col">Service</th>
            <th scope="col">Accueil</th>
            <th scope="col">Tarif</th>
            <th scope="col">Majoration</th>
            <th scope="col">{stateTitle}</th>
            {onRemove && (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ key, line, asked, issue }) => {
            const action = line?.action ?? asked.action;
            const date = line?.date ?? asked.date;
            const refused = line?.outcome === 'refused';
            return (
              <tr key={key} className={issue ? 'row--issue' : refused ? 'row--refused' : undefined}>
                <td data-label="Date">
                  <span className="nowrap">
                    {weekdayShort(date)} {formatDate(date)}
                  </span>
                </td>
                <td data-label="Enfant">{line?.childName ?? asked.childName}</td>
                <td data-label="Service">{line?.serviceName ?? asked.serviceName}</td>
                <td data-label="Accueil">
                  {action === 'cancel' && <strong>Annulation : </strong>}
                  {line?.unitName ?? asked.unitName}
                </td>
                <td data-label="Tarif">{line?.priceCents != null ? formatCents(line.priceCents) : '—'}</td>
                <td data-label="Majoration">
                  {line && line.surchargeCents > 0 ? <strong>+ {formatCents(line.surchargeCents)} (repas majoré)</strong> : '—'}
                </td>
                <td data-label={stateTitle}>
                  {line && <StatusBadge status={line.outcome} />}
                  {line && <ReasonCell line={line} />}
                  {issue && (
                    <span className="line-issue">
                      <span aria-hidden="true">⚠ </span>
                      {issue}
                    </span>
                  )}
                </td>
                {onRemove && (
                  <td data-label="Actions">
                    <button type="button" className="button--link" onClick={() => onRemove(key)}>
                      Retirer<span className="visually-hidden"> la ligne du {formatDate(date)}</span>
                    </button>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
