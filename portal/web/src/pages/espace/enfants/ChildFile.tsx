import { useCallback } from 'react';
import { Link, useLocation } from 'react-router';
import { SuccessPanel } from '../../../components/SuccessPanel';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { getChild } from '../../../family/api';
import { useLoaded } from '../../../useLoaded';
import { AuthorizedPersonsSection } from './AuthorizedPersonsSection';
import { ChildSection } from './ChildSection';
import { MedicalSection } from './MedicalSection';

/** A child's file: identité, école, fiche sanitaire, informations complémentaires, personnes autorisées. */
export function ChildFile({ id }: { id: number }) {
  const location = useLocation();
  const notice = (location.state as { notice?: string } | null)?.notice ?? null;
  const load = useCallback((signal?: AbortSignal) => getChild(id, signal), [id]);
  const { resource, set } = useLoaded(load);

  if (resource.status !== 'ok') {
    const missing = resource.status === 'error' && resource.error.status === 404;
    return (
      <>
        <title>Fiche enfant — Portail famille</title>
        <h1>{missing ? 'Enfant introuvable' : 'Fiche enfant'}</h1>
        {resource.status === 'loading' ? (
          <Loading />
        ) : (
          <ErrorAlert message={missing ? 'Cet enfant ne fait pas partie de votre dossier.' : resource.error.message} />
        )}
        <p>
          <Link to="/espace/enfants">Retour à Mes enfants</Link>
        </p>
      </>
    );
  }

  const child = resource.data;
  const name = `${child.firstName} ${child.lastName}`;
  return (
    <>
      <title>{`${name} — Portail famille`}</title>
      <p className="breadcrumb">
        <Link to="/espace/enfants">Mes enfants</Link>
      </p>
      <h1>{name}</h1>
      {notice && (
        <SuccessPanel>
          <p>{notice}</p>
        </SuccessPanel>
      )}
      {child.sharedCustody && (
        <p className="notice">Garde alternée : cette fiche est partagée avec l’autre parent, qui voit vos modifications.</p>
      )}
      <ChildSection group="identite" child={child} onSaved={set} />
      <ChildSection group="ecole" child={child} onSaved={set} />
      <MedicalSection child={child} onSaved={set} />
      <ChildSection group="complementaires" child={child} onSaved={set} />
      <AuthorizedPersonsSection child={child} onChanged={set} />
    </>
  );
}
