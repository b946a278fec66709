import type { Kysely, Selectable } from 'kysely';
import { diff } from '../audit/audit';
import type { Database } from '../db/schema';
import type { ChildrenTable } from '../db/tables/children.table';
import type { Db } from '../db/types';
import { AppError, notFound } from '../errors';
import type { ChildInput, MedicalInput } from '../schemas/family';
import { assertChildOfFamily, auditFamilyChange, created, definedOnly, writableFamily, type FamilyChange } from './access';
import { childDto, medicalDto, type ChildDto } from './presenters';

const bool = (v: boolean | undefined): 0 | 1 | undefined => (v === undefined ? undefined : v ? 1 : 0);

/** A child's own fields as the audit log records them (medical and persons have their entries). */
function auditedFields(c: Selectable<ChildrenTable>): Record<string, unknown> {
  return {
    lastName: c.last_name,
    firstName: c.first_name,
    birthDate: c.birth_date,
    sex: c.sex,
    school: c.school,
    classLevel: c.class_level,
    imageRights: c.image_rights === 1,
    mayLeaveAlone: c.may_leave_alone === 1,
    notes: c.notes,
  };
}

function columns(input: ChildInput) {
  return {
    last_name: input.lastName,
    first_name: input.firstName,
    birth_date: input.birthDate,
    sex: input.sex,
    school: input.school,
    class_level: input.classLevel,
    image_rights: bool(input.imageRights),
    may_leave_alone: bool(input.mayLeaveAlone),
    notes: input.notes,
  };
}

/**
 * One child of the family, with the fiche sanitaire and the authorized persons. A child shared in
 * garde alternée is read through either family; another family's child is a 404.
 */
export async function loadChild(db: Db, familyId: number, childId: number): Promise<ChildDto> {
  await assertChildOfFamily(db, familyId, childId);
  const [child, families, medical, persons] = await Promise.all([
    db.selectFrom('children').selectAll().where('id', '=', childId).executeTakeFirst(),
    db
      .selectFrom('family_children')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('child_id', '=', childId)
      .executeTakeFirstOrThrow(),
    db.selectFrom('medical_records').selectAll().where('child_id', '=', childId).executeTakeFirst(),
    db.selectFrom('authorized_persons').selectAll().where('child_id', '=', childId).orderBy('id').execute(),
  ]);
  if (!child) throw notFound('Cet enfant est introuvable.');
  return childDto(child, Number(families.n), medical, persons);
}

/** "Ajouter un enfant": the child and its link to the family, in one transaction. */
export async function createChild(db: Kysely<Database>, change: FamilyChange, input: ChildInput): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await writableFamily(trx, change);
    const twin = await trx
      .selectFrom('children as c')
      .innerJoin('family_children as fc', 'fc.child_id', 'c.id')
      .select('c.id')
      .where('fc.family_id', '=', change.familyId)
      .where((eb) => eb(eb.fn('lower', ['c.last_name']), '=', input.lastName.toLowerCase()))
      .where((eb) => eb(eb.fn('lower', ['c.first_name']), '=', input.firstName.toLowerCase()))
      .where('c.birth_date', '=', input.birthDate)
      .executeTakeFirst();
    if (twin) throw new AppError('conflict', `${input.firstName} ${input.lastName} est déjà enregistré(e) dans ce dossier.`);
    const at = change.now.toISOString();
    const values = columns(input);
    const child = await trx
      .insertInto('children')
      .values({
        last_name: values.last_name,
        first_name: values.first_name,
        birth_date: values.birth_date,
        sex: values.sex ?? null,
        school: values.school ?? null,
        class_level: values.class_level ?? null,
        image_rights: values.image_rights ?? 0,
        may_leave_alone: values.may_leave_alone ?? 0,
        notes: values.notes ?? null,
        created_at: at,
        updated_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx.insertInto('family_children').values({ family_id: change.familyId, child_id: child.id, linked_at: at }).execute();
    await auditFamilyChange(
      trx,
      change,
      { action: 'child.created', entityType: 'child', entityId: child.id, changes: created(auditedFields(child)) },
      { evenIfUnchanged: true },
    );
    return child.id;
  });
}

/** The pencil of a child's identity, school and informations complémentaires. */
export async function updateChild(db: Kysely<Database>, change: FamilyChange, childId: number, input: ChildInput): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await writableFamily(trx, change);
    await assertChildOfFamily(trx, change.familyId, childId);
    const before = await trx.selectFrom('children').selectAll().where('id', '=', childId).executeTakeFirstOrThrow();
    const values = definedOnly(columns(input));
    const changes = diff(auditedFields(before), auditedFields({ ...before, ...values }));
    if (Object.keys(changes).length === 0) return;
    await trx
      .updateTable('children')
      .set({ ...values, updated_at: change.now.toISOString() })
      .where('id', '=', childId)
      .execute();
    await auditFamilyChange(trx, change, { action: 'child.updated', entityType: 'child', entityId: childId, changes });
  });
}

/** The fiche sanitaire (renseignements médicaux), created on first save. */
export async function saveMedical(db: Kysely<Database>, change: FamilyChange, childId: number, input: MedicalInput): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await writableFamily(trx, change);
    await assertChildOfFamily(trx, change.familyId, childId);
    const before = await trx.selectFrom('medical_records').selectAll().where('child_id', '=', childId).executeTakeFirst();
    const values = definedOnly({
      allergies: input.allergies,
      has_pai: bool(input.hasPai),
      pai_details: input.paiDetails,
      diet: input.diet,
      diet_details: input.dietDetails,
      doctor_name: input.doctorName,
      doctor_phone: input.doctorPhone,
      vaccinations_up_to_date: input.vaccinationsUpToDate === undefined ? undefined : input.vaccinationsUpToDate === null ? null : bool(input.vaccinationsUpToDate),
      vaccination_notes: input.vaccinationNotes,
      other_notes: input.otherNotes,
    });
    const at = change.now.toISOString();
    const empty = {
      child_id: childId,
      allergies: null,
      has_pai: 0 as const,
      pai_details: null,
      pai_document_id: null,
      diet: 'standard' as const,
      diet_details: null,
      doctor_name: null,
      doctor_phone: null,
      vaccinations_up_to_date: null,
      vaccination_notes: null,
      other_notes: null,
      updated_at: at,
    };
    const current = before ?? empty;
    const { paiDocumentId: _a, ...beforeFields } = medicalDto(before);
    const { paiDocumentId: _b, ...afterFields } = medicalDto({ ...current, ...values });
    const changes = diff(beforeFields, afterFields);
    if (Object.keys(changes).length === 0) return;
    if (before) {
      await trx
        .updateTable('medical_records')
        .set({ ...values, updated_at: at })
        .where('child_id', '=', childId)
        .execute();
    } else {
      await trx
        .insertInto('medical_records')
        .values({ ...empty, ...values })
        .execute();
    }
    await auditFamilyChange(trx, change, { action: 'medical.updated', entityType: 'medical_record', entityId: childId, changes });
  });
}
