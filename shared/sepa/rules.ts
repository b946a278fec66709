/**
 * SEPA direct-debit rules: the creditor identifier (ICS), mandate references (RUM), the sequence
 * of a debit (first or recurring) and the 36-month lapse of an unused mandate. Pure functions.
 */
import { checkIban, normalizeBic } from '../schemas/family';

export type Check<T> = { ok: true; value: T } | { ok: false; message: string };

/** The characters SEPA allows in identifiers (RUM, EndToEndId, MsgId). */
const SEPA_ID = /^[A-Za-z0-9+?/:().,'-]+$/;

/** A RUM (référence unique du mandat): 1 to 35 SEPA characters, no space, no "//", not starting or ending with "/". */
export function checkRum(input: string): Check<string> {
  const rum = input.trim();
  if (rum === '') return { ok: false, message: 'Saisissez la référence unique du mandat (RUM).' };
  if (rum.length > 35) return { ok: false, message: 'RUM invalide : 35 caractères au maximum.' };
  if (!SEPA_ID.test(rum)) {
    return { ok: false, message: "RUM invalide : lettres sans accent, chiffres et les signes + ? / : ( ) . , ' - seulement, sans espace." };
  }
  if (rum.startsWith('/') || rum.endsWith('/') || rum.includes('//')) {
    return { ok: false, message: 'RUM invalide : elle ne peut ni commencer ni finir par « / », ni contenir « // ».' };
  }
  return { ok: true, value: rum };
}

/** ISO 7064 MOD 97-10 over letters (A=10…Z=35) and digits. */
function mod97(text: string): number {
  let rest = 0;
  for (const ch of text) {
    const digits = /[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest;
}

/**
 * The creditor's SEPA identifier, e.g. "FR12ZZZ123456": country, two check digits, a 3-character
 * business code (ignored by the check) and the national identifier.
 */
export function checkIcs(input: string): Check<string> {
  const ics = input.replace(/\s+/g, '').toUpperCase();
  if (ics === '') return { ok: false, message: "Renseignez l'identifiant créancier SEPA (ICS) de la commune." };
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{3}[A-Z0-9]{1,28}$/.test(ics)) {
    return { ok: false, message: 'ICS invalide : format attendu FR + 2 chiffres + 3 caractères + identifiant, par exemple FR12ZZZ123456.' };
  }
  if (ics.startsWith('FR') && ics.length !== 13) return { ok: false, message: 'ICS invalide : un ICS français compte 13 caractères.' };
  const check = 98 - mod97(`${ics.slice(7)}${ics.slice(0, 2)}00`);
  if (String(check).padStart(2, '0') !== ics.slice(2, 4)) return { ok: false, message: 'ICS invalide : la clé de contrôle ne correspond pas, vérifiez la saisie.' };
  return { ok: true, value: ics };
}

/** Builds a valid ICS from a country and national identifier (for tests and demo data). */
export function icsFor(country: string, business: string, national: string): string {
  const check = 98 - mod97(`${national}${country}00`);
  return `${country}${String(check).padStart(2, '0')}${business}${national}`;
}

export function checkBic(input: string): Check<string> {
  if (input.trim() === '') return { ok: false, message: 'Saisissez le BIC.' };
  const bic = normalizeBic(input);
  return bic ? { ok: true, value: bic } : { ok: false, message: 'BIC invalide : 8 ou 11 caractères, par exemple AGRIFRPP882.' };
}

export function checkIbanValue(input: string): Check<string> {
  const r = checkIban(input);
  return r.ok ? { ok: true, value: r.iban } : r;
}

export interface MandateFacts {
  rum: string;
  iban: string;
  bic: string;
  signature_date: string;
  status: 'pending' | 'active' | 'revoked' | 'lapsed';
  first_collected_at: string | null;
  last_collected_at: string | null;
}

/** FRST for the first debit of a mandate, RCUR afterwards. */
export const sequenceType = (m: Pick<MandateFacts, 'first_collected_at'>): 'FRST' | 'RCUR' => (m.first_collected_at ? 'RCUR' : 'FRST');

/** Adds calendar months to a YYYY-MM-DD date, clamping the day (31 → 30/28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** A mandate not used for 36 months (since its last debit, or its signature if never used) lapses. */
export function lapsesOn(m: Pick<MandateFacts, 'last_collected_at' | 'signature_date'>): string {
  return addMonths((m.last_collected_at ?? m.signature_date).slice(0, 10), 36);
}

export const isLapsed = (m: Pick<MandateFacts, 'last_collected_at' | 'signature_date'>, day: string): boolean => lapsesOn(m) <= day;

/** Why this mandate cannot be debited on `day`, in French; null when it can. */
export function mandateProblem(m: MandateFacts, day: string): string | null {
  if (m.status !== 'active') return 'le mandat n’est pas actif';
  const rum = checkRum(m.rum);
  if (!rum.ok) return rum.message;
  const iban = checkIbanValue(m.iban);
  if (!iban.ok) return iban.message;
  const bic = checkBic(m.bic);
  if (!bic.ok) return bic.message;
  if (m.signature_date > day) return 'le mandat est signé après la date du prélèvement';
  if (isLapsed(m, day)) return 'le mandat est caduc (inutilisé depuis 36 mois)';
  return null;
}
