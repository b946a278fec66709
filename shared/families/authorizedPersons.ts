import type { Kysely, Selectable } from 'kysely';
import { diff } from '../audit/audit';
import type { Database } from '../db/schema';
import type { AuthorizedPersonsTable } from '../db/tables/children.table';
import type { Trx } from '../db/types';
import { AppError, notFound } from '../errors';
import type { AuthorizedPersonInput } from '../schemas/family';
import { assertChildOfFamily, auditFamilyChange, created, removed, writableFamily, type FamilyChange } from './access';
import { authorizedPersonDto } from './presenters';

/** Rule 9 of the guide. */
export const MAX_AUTHORIZED_PERSONS = 4;
export const TOO_MANY_PERSONS = '4 personnes autorisées au maximum par enfant.';

type PersonRow = Selectable<AuthorizedPersonsTable>;

function auditedFields(p: PersonRow): Record<string, unknown> {
  const { id: _id, ...fields } = authorizedPersonDto(p);
  return fields;
}

/**
 * Inserts a person; the schema's trigger refuses a 5th even if a caller forgot the count, and its
 * bare error code becomes the same French 409.
 */
export async function insertAuthorizedPerson(trx: Trx, childId: number, input: AuthorizedPersonInput, at: string): Promise<PersonRow> {
  try {
    return await trx
      .insertInto('authorized_persons')
      .values({
        child_id: childId,
        last_name: input.lastName,
        first_name: input.firstName,
        mobile: input.mobile,
        relationship: input.relationship,
        created_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  } catch (err) {
    if (err instanceof Error && err.message.includes('authorized_persons_limit')) throw new AppError('conflict', TOO_MANY_PERSONS);
    throw err;
  }
}

/** "Personnes autorisées": adds one, 4 at most per child (checked here, inside the transaction). */
export async function addAuthorizedPerson(
  db: Kysely<Database>,
  change: FamilyChange,
  childId: number,
  input: AuthorizedPersonInput,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await writableFamily(trx, change);
    await assertChildOfFamily(trx, change.familyId, childId);
    const { n } = await trx
      .selectFrom('authorized_persons')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('child_id', '=', childId)
      .executeTakeFirstOrThrow();
    if (Number(n) >= MAX_AUTHORIZED_PERSONS) throw new AppError('conflict', TOO_MANY_PERSONS);
    const row = await insertAuthorizedPerson(trx, childId, input, change.now.toISOString());
    await auditFamilyChange(
      trx,
      change,
      { action: 'authorized_person.added', entityType: 'authorized_person', entityId: row.id, changes: { childId: [null, childId], ...created(auditedFields(row)) } },
      { evenIfUnchanged: true },
    );
  });
}

async function personOfChild(trx: Trx, change: FamilyChange, childId: number, personId: number): Promise<PersonRow> {
  await assertChildOfFamily(trx, change.familyId, childId);
  const person = await trx
    .selectFrom('authorized_persons')
    .selectAll()
    .where('id', '=', personId)
    .where('child_id', '=', childId)
    .executeTakeFirst();
  if (!person) throw notFound('Cette personne autorisée est introuvable.');
  return person;
}

export async function updateAuthorizedPerson(
  db: Kysely<Database>,
  change: FamilyChange,
  childId: number,
  personId: number,
  input: AuthorizedPersonInput,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await writableFamily(trx, change);
    const before = await personOfChild(trx, change, childId, personId);
    const values = { last_name: input.lastName, first_name: input.firstName, mobile: input.mobile, relationship: input.relationship };
    const changes = diff(auditedFields(before), auditedFields({ ...before, ...values }));
    if (Object.keys(changes).length === 0) return;
    await trx.updateTable('authorized_persons').set(values).where('id', '=', personId).execute();
    await auditFamilyChange(trx, change, { action: 'authorized_person.updated', entityType: 'authorized_person', entityId: personId, changes });
  });
}

export async function removeAuthorizedPerson(db: Kysely<Database>, change: FamilyChange, childId: number, personId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await writableFamily(trx, change);
    const before = await personOfChild(trx, change, childId, personId);
    await trx.deleteFrom('authorized_persons').where('id', '=', personId).execute();
    await auditFamilyChange(
      trx,
      change,
      { action: 'authorized_person.removed', entityType: 'authorized_person', entityId: personId, changes: { childId: [childId, null], ...removed(auditedFields(before)) } },
      { evenIfUnchanged: true },
    );
  });
}
