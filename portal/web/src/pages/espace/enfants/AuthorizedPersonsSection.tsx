import { useId, useState } from 'react';
import { StatusNotice } from '../../../forms/StatusNotice';
import { useFocusById } from '../../../useFocusById';
import { addAuthorizedPerson } from '../../../family/api';
import type { Child } from '../../../family/types';
import { AuthorizedPersonForm } from './AuthorizedPersonForm';
import { AuthorizedPersonItem } from './AuthorizedPersonItem';

export const MAX_AUTHORIZED_PERSONS = 4;
export const MAX_AUTHORIZED_TEXT = '4 personnes autorisées au maximum';

/** Who may pick the child up (nom, prénom, portable, lien avec l'enfant): 4 at most. */
export function AuthorizedPersonsSection({ child, onChanged }: { child: Child; onChanged: (c: Child) => void }) {
  const limitId = useId();
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const addId = useId();
  const headingId = useId();
  const focus = useFocusById();
  const persons = child.authorizedPersons;
  const full = persons.length >= MAX_AUTHORIZED_PERSONS;

  function closeForm(count: number) {
    setAdding(false);
    // At 4 the add button is disabled: the heading takes the focus instead.
    focus(count >= MAX_AUTHORIZED_PERSONS ? headingId : addId);
  }

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId} tabIndex={-1}>
        Personnes autorisées à venir chercher l’enfant
      </h2>
      <p className="field__hint">
        En dehors des responsables du foyer. {MAX_AUTHORIZED_TEXT} par enfant ; une pièce d’identité peut leur être
        demandée.
      </p>
      <StatusNotice message={notice} />
      {persons.length === 0 ? (
        <p className="muted">Aucune personne autorisée n’est enregistrée.</p>
      ) : (
        <ul className="item-list">
          {persons.map((p) => (
            <AuthorizedPersonItem
              key={p.id}
              childId={child.id}
              person={p}
              onChanged={(c, message) => {
                onChanged(c);
                setNotice(message);
              }}
              onRemoved={(c, message) => {
                onChanged(c);
                setNotice(message);
                focus(headingId);
              }}
            />
          ))}
        </ul>
      )}
      {adding ? (
        <AuthorizedPersonForm
          person={null}
          title="Nouvelle personne autorisée"
          submitLabel="Ajouter"
          save={(input) => addAuthorizedPerson(child.id, input)}
          onCancel={() => closeForm(persons.length)}
          onSaved={(c) => {
            onChanged(c);
            const added = c.authorizedPersons[c.authorizedPersons.length - 1];
            setNotice(added ? `${added.firstName} ${added.lastName} est ajouté(e) aux personnes autorisées.` : null);
            closeForm(c.authorizedPersons.length);
          }}
        />
      ) : (
        <div className="form__actions">
          <button
            id={addId}
            type="button"
            className="button button--secondary"
            disabled={full}
            aria-describedby={full ? limitId : undefined}
            onClick={() => {
              setNotice(null);
              setAdding(true);
            }}
          >
            Ajouter une personne autorisée
          </button>
          {full && (
            <p id={limitId} className="limit">
              {MAX_AUTHORIZED_TEXT}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
