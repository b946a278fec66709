import { useCallback, useMemo, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { toApiError, type ApiError } from '../../../api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { SuccessPanel } from '../../../components/SuccessPanel';
import { FocusedTitle } from '../../../reservations/FocusedTitle';
import { serverIssues } from '../../../forms/issues';
import { MAX_REQUEST_LINES, previewRequest, submitRequest } from '../../../reservations/api';
import { sortItems, toRequestLine, useReservations, type DemandeItem } from '../../../reservations/demande';
import { formatCents, plural } from '../../../reservations/labels';
import { LinesTable, outcomeSummary, type LineRow } from '../../../reservations/LinesTable';
import type { PreviewLine, Submitted } from '../../../reservations/types';
import { useResource } from '../../../useResource';

export interface ConfirmationState {
  result: Submitted;
}

/** `lines.3` (or `['lines', 3, 'date']`) → 3. */
function lineIndex(path: string): number | null {
  const m = /^lines\.(\d+)/.exec(path);
  return m ? Number(m[1]) : null;
}

function issuesByLine(error: ApiError | null): Map<number, string> {
  const map = new Map<number, string>();
  if (!error) return map;
  for (const issue of serverIssues(error)) {
    const index = lineIndex(issue.path);
    if (index === null) continue;
    map.set(index, map.has(index) ? `${map.get(index)} ${issue.message}` : issue.message);
  }
  return map;
}

function rowsOf(items: DemandeItem[], lines: PreviewLine[] | null, issues: Map<number, string>): LineRow[] {
  const aligned = lines !== null && lines.length === items.length;
  return items.map((item, index) => ({
    key: item.key,
    line: aligned ? (lines[index] ?? null) : null,
    asked: item,
    issue: issues.get(index) ?? null,
  }));
}

/** `/espace/reservations/recapitulatif`: « Le récapitulatif de vos demandes apparaît. Cliquez sur VALIDER ». */
export function RecapPage() {
  const { items, remove, clear } = useReservations();
  const location = useLocation();
  const navigate = useNavigate();
  const back = (location.state as { from?: string } | null)?.from ?? '/espace/reservations';
  const sorted = useMemo(() => sortItems(items), [items]);
  const load = useCallback((signal: AbortSignal) => previewRequest(sorted.map(toRequestLine), signal), [sorted]);
  const preview = useResource(load);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<ApiError | null>(null);

  if (items.length === 0) {
    return (
      <>
        <title>Récapitulatif — Portail famille</title>
        <h1>Récapitulatif de votre demande</h1>
        <p className="notice">
          Votre demande est vide. <Link to="/espace/reservations/ajouter">Ajouter une réservation</Link> ou{' '}
          <Link to="/espace/reservations">revenir au planning</Link>.
        </p>
      </>
    );
  }

  const previewError = preview.status === 'error' ? preview.error : null;
  // A submission refused as a whole names its lines too; it wins over an older preview.
  const error = submitError ?? previewError;
  const issues = issuesByLine(error);
  // A submission refused line by line hides the older recap's states; a network error keeps them.
  const refusedLines = submitError !== null && submitError.issues.length > 0;
  const lines = preview.status === 'ok' && !refusedLines ? preview.data.lines : null;
  const rows = rowsOf(sorted, lines, issues);
  const canSubmit = preview.status === 'ok' && issues.size === 0 && !submitting;

  async function submit() {
    if (!canSubmit) return;
    setSubmitting(true);
    setSubmitError(null);
    try {
      const result = await submitRequest(sorted.map(toRequestLine));
      // One render: the confirmation page, with the request emptied.
      void navigate('/espace/reservations/confirmation', { replace: true, state: { result } satisfies ConfirmationState });
      clear();
    } catch (e) {
      setSubmitError(toApiError(e));
      setSubmitting(false);
    }
  }

  return (
    <>
      <title>Récapitulatif — Portail famille</title>
      <p className="breadcrumb">
        <Link to="/espace/reservations">Réservations</Link>
      </p>
      <FocusedTitle>Récapitulatif de votre demande</FocusedTitle>
      <ol className="steps--inline" aria-label="Étapes">
        <li>Enfant</li>
        <li>Service</li>
        <li>Planning</li>
        <li aria-current="step">Récapitulatif</li>
      </ol>
      <p>
        Vérifiez chaque ligne : le tarif à votre quotient familial, les majorations et l’état prévu. Rien n’est envoyé tant
        que vous n’avez pas cliqué sur « Valider ».
      </p>
      {items.length > MAX_REQUEST_LINES && (
        <p className="alert alert--error" role="alert">
          Une demande ne peut pas dépasser {MAX_REQUEST_LINES} lignes : retirez-en {items.length - MAX_REQUEST_LINES} et
          envoyez-les dans une seconde demande.
        </p>
      )}
      {error && issues.size > 0 ? (
        <div role="alert" className="alert alert--error">
          <p>{error.message}</p>
          <p>
            {plural(issues.size, 'ligne pose problème', 'lignes posent problème')} : le motif est indiqué sur chaque ligne.
            Retirez-les ou modifiez votre demande, puis validez.
          </p>
        </div>
      ) : (
        <ErrorAlert error={error} />
      )}
      {preview.status === 'loading' && <Loading label="Calcul du récapitulatif…" />}
      {lines && (
        <p className="recap-summary">
          <strong>{plural(lines.length, 'ligne', 'lignes')}</strong> : {outcomeSummary(lines)}
        </p>
      )}
      <LinesTable
        rows={rows}
        caption="Lignes de votre demande"
        stateTitle="État prévu"
        onRemove={(key) => {
          setSubmitError(null);
          remove([key]);
        }}
      />
      {lines && preview.status === 'ok' && (
        <p className="recap-total">
          Total : <strong>{formatCents(preview.data.totalCents)}</strong>
          <span className="muted"> (réservations au tarif de votre quotient familial, majorations comprises)</span>
        </p>
      )}
      <p className="muted">
        Après validation, vous recevez un e-mail de confirmation précisant l’état de chaque ligne : EN ATTENTE DE
        TRAITEMENT, ACCEPTÉE ou REFUSÉE.
      </p>
      <div className="action-bar" role="region" aria-label="Valider la demande">
        <p className="action-bar__count">
          {plural(items.length, 'ligne', 'lignes')}
          {lines && preview.status === 'ok' && <> · total {formatCents(preview.data.totalCents)}</>}
        </p>
        <div className="form__actions">
          <button type="button" className="button button--secondary" onClick={() => void navigate(back)}>
            Modifier
          </button>
          <button
            type="button"
            className="button button--primary"
            onClick={submit}
            disabled={!canSubmit && !submitting}
            aria-disabled={submitting || undefined}
          >
            {submitting ? 'Envoi…' : 'Valider'}
          </button>
        </div>
      </div>
    </>
  );
}

/** `/espace/reservations/confirmation`: each line's final state, and the e-mail that confirms it. */
export function ConfirmationPage() {
  const location = useLocation();
  const state = location.state as ConfirmationState | null;
  if (!state?.result) return <Navigate to="/espace/reservations" replace />;
  const { result } = state;
  const rows: LineRow[] = result.lines.map((line, i) => ({
    key: `${i}`,
    line,
    asked: line,
    issue: null,
  }));
  return (
    <>
      <title>Demande envoyée — Portail famille</title>
      <h1>Demande envoyée</h1>
      <SuccessPanel>
        <p>
          <strong>Votre demande n° {result.requestId} est enregistrée</strong> ({plural(result.lines.length, 'ligne', 'lignes')} :{' '}
          {outcomeSummary(result.lines)}).
        </p>
        <p>
          Un e-mail de confirmation vous est envoyé : il précise l’état de chaque ligne. Chaque changement d’état vous sera
          aussi signalé par e-mail.
        </p>
      </SuccessPanel>
      <LinesTable rows={rows} caption="État de chaque ligne de la demande" stateTitle="État" />
      <p className="page-actions">
        <Link to="/espace/reservations" className="button button--primary">
          Voir mon planning
        </Link>
        <Link to="/espace/reservations/ajouter" className="button button--secondary">
          Faire une autre réservation
        </Link>
      </p>
    </>
  );
}
