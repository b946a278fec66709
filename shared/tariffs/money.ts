/**
 * Amounts typed and shown in euros, stored in integer cents. Parsing splits the text on the decimal
 * separator instead of multiplying a float by 100, so "4,15" is 415 cents exactly.
 */

export type EurosParse = { ok: true; cents: number } | { ok: false; message: string };

const AMOUNT = /^(-)?(\d+)(?:[.,](\d{0,2}))?$/;

/** "4,15", "4.15", "4", "4,5", "1 234,50", "4,15 €" → cents; a minus sign is kept for the schema to refuse. */
export function parseEuros(text: string): EurosParse {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '').replace(/€$/, '');
  if (compact === '') return { ok: false, message: 'Saisissez un montant, par exemple 4,15.' };
  const m = AMOUNT.exec(compact);
  if (!m) {
    if (/^-?\d+[.,]\d{3,}$/.test(compact)) {
      return { ok: false, message: 'Montant invalide : deux chiffres après la virgule au maximum.' };
    }
    return { ok: false, message: 'Montant invalide : saisissez par exemple 4,15.' };
  }
  const euros = m[2] ?? '0';
  const decimals = (m[3] ?? '').padEnd(2, '0');
  if (euros.length > 7) return { ok: false, message: 'Montant trop élevé.' };
  const cents = Number(euros) * 100 + Number(decimals);
  return { ok: true, cents: m[1] ? -cents : cents };
}

/** Cents → "4,15" (what an input shows; integer arithmetic only). */
export function centsToInput(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

const euroFormat = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

/** Cents → "4,15 €" (French format, narrow no-break space before the sign). */
export function formatEuros(cents: number): string {
  return euroFormat.format(cents / 100);
}
