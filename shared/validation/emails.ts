import type { Db } from '../db/types';
import { precompiled } from '../db/precompiled';
import { enqueueEmail } from '../mail/outbox';
import { COMMUNE, type Commune } from '../settings/definitions';
import { getSetting } from '../settings/settings';
import { RESPONSABLE } from '../db/literals';

/** The texts of the staff's decisions sent to families: French, polite, signed by the commune. */
export interface EmailText {
  subject: string;
  text: string;
}

export const portalLink = (publicUrl: string): string => `${publicUrl.replace(/\/+$/, '')}/`;

function signature(commune: Commune): string {
  const contact = [commune.phone, commune.email].filter((v) => v.trim() !== '').join(' — ');
  return ['Cordialement,', '', 'Le pôle enfance-jeunesse', commune.name, ...(contact ? [contact] : [])].join('\n');
}

/** A letter: greeting, paragraphs, the commune's signature. */
export const compose = (commune: Commune, subject: string, greeting: string, paragraphs: string[]): EmailText => ({
  subject: `${subject} — ${commune.name}`,
  text: [greeting, ...paragraphs, signature(commune)].join('\n\n'),
});

export function greeting(person: { civility: 'M.' | 'Mme' | null; lastName: string; firstName: string } | null): string {
  if (!person) return 'Bonjour,';
  if (person.civility === 'Mme') return `Bonjour Madame ${person.lastName},`;
  if (person.civility === 'M.') return `Bonjour Monsieur ${person.lastName},`;
  return `Bonjour ${person.firstName} ${person.lastName},`;
}

export function familyValidatedText(commune: Commune, hello: string, publicUrl: string): EmailText {
  return compose(commune, 'Votre compte famille est validé', hello, [
    'Votre compte est validé par le pôle enfance-jeunesse : vous pouvez dès à présent accéder à la partie « Réservations » du portail famille et inscrire vos enfants aux activités.',
    `Pour vous connecter : ${portalLink(publicUrl)}`,
    'Pensez à tenir votre dossier à jour (coordonnées, fiches sanitaires, documents) au fil de l’année.',
  ]);
}

export function familyRejectedText(commune: Commune, hello: string, reason: string, publicUrl: string): EmailText {
  return compose(commune, 'Votre dossier famille n’a pas été validé', hello, [
    'Le pôle enfance-jeunesse a examiné votre dossier famille et n’a pas pu le valider pour la raison suivante :',
    `« ${reason} »`,
    `Corrigez ou complétez votre dossier depuis votre espace famille, puis transmettez-le de nouveau pour validation : ${portalLink(publicUrl)}`,
    'Pour toute question, n’hésitez pas à nous contacter.',
  ]);
}

// Read for every e-mail to a family (each booking request sends one): built once (precompiled.ts).
const accountEmailQuery = precompiled<{ familyId: number }>()((db, slot) =>
  db.selectFrom('portal_accounts').select('email').where('family_id', '=', slot('familyId')).orderBy('id'),
);
const responsableQuery = precompiled<{ familyId: number }>()((db, slot) =>
  db.selectFrom('guardians').select(['civility', 'last_name', 'first_name', 'email']).where('family_id', '=', slot('familyId')).where('role', '=', RESPONSABLE),
);

/** Where a family is written to: its portal login, else the responsable's address; null for neither. */
export async function familyRecipient(
  db: Db,
  familyId: number,
): Promise<{ email: string | null; person: { civility: 'M.' | 'Mme' | null; lastName: string; firstName: string } | null }> {
  const [account, responsable] = await Promise.all([accountEmailQuery.first(db, { familyId }), responsableQuery.first(db, { familyId })]);
  return {
    email: account?.email ?? responsable?.email ?? null,
    person: responsable ? { civility: responsable.civility, lastName: responsable.last_name, firstName: responsable.first_name } : null,
  };
}

/**
 * Queues an e-mail to the family in the caller's transaction. A family created at the desk
 * without any address gets none: staff tell it in person. Returns whether one was queued.
 */
export async function emailFamily(
  trx: Db,
  familyId: number,
  build: (commune: Commune, hello: string) => EmailText,
  now: Date,
): Promise<boolean> {
  const recipient = await familyRecipient(trx, familyId);
  if (!recipient.email) return false;
  const { subject, text } = build(await getSetting(trx, COMMUNE), greeting(recipient.person));
  await enqueueEmail(trx, { to: recipient.email, subject, text, familyId }, now);
  return true;
}
