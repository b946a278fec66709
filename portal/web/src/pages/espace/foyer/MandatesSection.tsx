import { useId, useState } from 'react';
import { Link } from 'react-router';
import { StatusNotice } from '../../../forms/StatusNotice';
import { useFocusById } from '../../../useFocusById';
import type { Mandate } from '../../../family/types';
import { MandateForm } from './MandateForm';
import { MandateItem } from './MandateItem';

/** "Vos mandats SEPA": the prélèvement authorisations (IBAN masked), added or revoked here. */
export function MandatesSection({ mandates, onChanged }: { mandates: Mandate[]; onChanged: () => Promise<unknown> }) {
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const addId = useId();
  const headingId = useId();
  const focus = useFocusById();

  async function changed(message: string) {
    await onChanged().catch(() => undefined);
    setNotice(message);
  }

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId} tabIndex={-1}>
        Mandats SEPA
      </h2>
      <p className="field__hint">
        Pour payer vos factures par prélèvement : renseignez le mandat ici, puis transmettez le mandat signé et un RIB
        dans <Link to="/espace/documents?type=mandat_sepa">Documents</Link>.
      </p>
      <StatusNotice message={notice} />
      {mandates.length === 0 ? (
        <p className="muted">Aucun mandat SEPA n’est enregistré.</p>
      ) : (
        <ul className="item-list">
          {mandates.map((m) => (
            <MandateItem
              key={m.id}
              mandate={m}
              onRevoked={async () => {
                await changed(`Le mandat ${m.rum} est révoqué.`);
                focus(headingId);
              }}
            />
          ))}
        </ul>
      )}
      {adding ? (
        <MandateForm
          onCancel={() => {
            setAdding(false);
            focus(addId);
          }}
          onAdded={async (m) => {
            setAdding(false);
            focus(addId);
            await changed(`Le mandat ${m.rum} est enregistré. Il sera vérifié par nos services.`);
          }}
        />
      ) : (
        <button
          id={addId}
          type="button"
          className="button button--secondary"
          onClick={() => {
            setNotice(null);
            setAdding(true);
          }}
        >
          Ajouter un mandat
        </button>
      )}
    </section>
  );
}
