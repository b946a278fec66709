import { useId, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { LoadedPage } from '../../../components/LoadedPage';
import { addChild } from '../../../family/api';
import { useFamilyFile } from '../../../family/useFamilyFile';
import { formatDate } from '../../../format';
import { useFocusById } from '../../../useFocusById';
import { ChildForm } from './ChildForm';

export const CHILD_ADDED_NOTICE =
  'L’enfant est ajouté. Complétez maintenant sa fiche sanitaire et les personnes autorisées à venir le chercher.';

/** `/espace/enfants`: the children of the family and "Ajouter un enfant". */
export function ChildrenPage() {
  const { resource } = useFamilyFile();
  const navigate = useNavigate();
  const [adding, setAdding] = useState(false);
  const addId = useId();
  const focus = useFocusById();

  return (
    <LoadedPage title="Mes enfants" resource={resource}>
      {(file) => (
        <>
          <p className="muted">
            Complétez et modifiez les informations de chaque enfant : identité, école, renseignements médicaux,
            autorisations et personnes autorisées à venir le chercher.
          </p>
          {file.children.length === 0 ? (
            <p className="notice">Aucun enfant n’est encore inscrit dans votre dossier.</p>
          ) : (
            <ul className="cards">
              {file.children.map((c) => (
                <li key={c.id} className="card">
                  <h2 className="card__title">
                    <Link to={`/espace/enfants/${c.id}`}>
                      {c.firstName} {c.lastName}
                    </Link>
                  </h2>
                  <p>
                    Né(e) le {formatDate(c.birthDate)}
                    {c.classLevel && <> · {c.classLevel}</>}
                    {c.school && <> · {c.school}</>}
                  </p>
                  {c.sharedCustody && <p className="muted">Garde alternée : fiche partagée avec l’autre parent.</p>}
                </li>
              ))}
            </ul>
          )}
          {adding ? (
            <section className="panel" aria-labelledby="nouvel-enfant">
              <h2 id="nouvel-enfant">Ajouter un enfant</h2>
              <ChildForm
                child={null}
                groups={['identite', 'ecole', 'complementaires']}
                defaultLastName={file.responsable?.lastName ?? ''}
                save={addChild}
                submitLabel="Ajouter l’enfant"
                focusFirst
                onCancel={() => {
                  setAdding(false);
                  focus(addId);
                }}
                onSaved={async (child) => {
                  await navigate(`/espace/enfants/${child.id}`, { state: { notice: CHILD_ADDED_NOTICE } });
                }}
              />
            </section>
          ) : (
 <button id={addId} type="button" className="button button--primary" onClick={() => setAdding(true)}>
              Ajouter un enfant
            </button>
          )}
        </>
      )}
    </LoadedPage>
  );
}
