/** SEPA direct debit: the commune's creditor identity and the mandates of a few families. */
import { icsFor } from '../sepa/rules';
import { SEPA_CREDITOR } from '../settings/definitions';
import { setSetting } from '../settings/settings';
import type { SeedContext, SeededFamily } from './seedContext';

/**
 * The commune collects by SEPA direct debit too: its creditor identity, and four families (not
 * the demo logins' own) who signed a mandate at the rentrée, so that their invoices are issued
 * « en prélèvement » and « Paiements › Prélèvements SEPA » has something to collect.
 */
export async function seedDirectDebits(ctx: SeedContext, families: SeededFamily[]): Promise<void> {
  await setSetting(
    ctx.trx,
    SEPA_CREDITOR,
    { ics: icsFor('FR', 'ZZZ', '654321'), name: 'Mairie de Marelle-sur-Meu', iban: 'FR7630001007941234567890185', bic: 'BDFEFRPPCCT' },
    ctx.now,
  );
  const accounts = ['00012345601', '00012345602', '00012345603', '00012345604'];
  const signers = families.slice(2).filter((f) => f.status === 'validated' && f.children.length > 0).slice(0, accounts.length);
  const at = ctx.at('2026-09-02', '10:00');
  for (const [i, family] of signers.entries()) {
    const holder = await ctx.trx
      .selectFrom('guardians')
      .select(['first_name', 'last_name'])
      .where('family_id', '=', family.id)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const account = accounts[i] ?? '';
    // A French BBAN ends with its RIB key: 97 − (89 × bank + 15 × branch + 3 × account) mod 97.
    const key = String(97 - ((89 * 30004 + 15 * 821 + 3 * Number(account)) % 97)).padStart(2, '0');
    await ctx.trx
      .insertInto('sepa_mandates')
      .values({
        family_id: family.id,
        rum: `MARELLE-${String(family.id).padStart(6, '0')}`,
        iban: frenchIban(`3000400821${account}${key}`),
        bic: 'BNPAFRPPXXX',
        holder_name: `${holder.first_name} ${holder.last_name}`,
        signature_date: '2026-09-02',
        status: 'active',
        first_collected_at: null,
        last_collected_at: null,
        document_id: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
  }
}

/** FR + the check digits of ISO 13616 (mod 97 of the BBAN followed by "FR00", letters as numbers). */
function frenchIban(bban: string): string {
  const digits = `${bban}152700`;
  let rest = 0;
  for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  return `FR${String(98 - rest).padStart(2, '0')}${bban}`;
}
