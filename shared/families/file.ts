import type { Db } from '../db/types';
import { notFound } from '../errors';
import { completeness, type Completeness } from './completeness';
import {
  childSummaryDto,
  documentDto,
  guardianDto,
  householdDto,
  mandateDto,
  staffMandateDto,
  type ChildSummaryDto,
  type DocumentDto,
  type GuardianDto,
  type HouseholdDto,
  type MandateDto,
} from './presenters';
import { reservationsOpen, statusMessage } from './status';
import type { FamilyStatus } from '../db/tables/families.table';

export interface FamilyFile {
  family: {
    id: number;
    status: FamilyStatus;
    statusReason: string | null;
    statusMessage: string;
    reservationsOpen: boolean;
    submittedAt: string | null;
    validatedAt: string | null;
  };
  account: { email: string | null };
  responsable: GuardianDto | null;
  conjoint: GuardianDto | null;
  household: HouseholdDto;
  children: ChildSummaryDto[];
  mandates: (MandateDto & { iban?: string })[];
  documents: DocumentDto[];
  completeness: Completeness;
}

/**
 * The whole family file as one DTO, for the parent's "Mon espace" and the staff's family view.
 * `forStaff` adds what only staff may see (full IBANs).
 */
export async function loadFamilyFile(db: Db, familyId: number, options: { forStaff: boolean; today: string }): Promise<FamilyFile> {
  const family = await db.selectFrom('families').selectAll().where('id', '=', familyId).executeTakeFirst();
  if (!family) throw notFound('Cette famille est introuvable.');
  const [account, guardians, children, mandates, documents] = await Promise.all([
    db.selectFrom('portal_accounts').select('email').where('family_id', '=', familyId).executeTakeFirst(),
    db.selectFrom('guardians').selectAll().where('family_id', '=', familyId).orderBy('id').execute(),
    db
      .selectFrom('children as c')
      .innerJoin('family_children as fc', 'fc.child_id', 'c.id')
      .selectAll('c')
      .select((eb) =>
        eb
          .selectFrom('family_children as other')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('other.child_id', '=', 'c.id')
          .as('families_count'),
      )
      .where('fc.family_id', '=', familyId)
      .orderBy('c.birth_date')
      .execute(),
    db.selectFrom('sepa_mandates').selectAll().where('family_id', '=', familyId).orderBy('id').execute(),
    db.selectFrom('documents').selectAll().where('family_id', '=', familyId).orderBy('uploaded_at', 'desc').execute(),
  ]);
  const responsable = guardians.find((g) => g.role === 'responsable');
  const conjoint = guardians.find((g) => g.role === 'conjoint');
  const childDtos = children.map((c) => childSummaryDto(c, Number(c.families_count ?? 1)));
  const documentDtos = documents.map(documentDto);
  return {
    family: {
      id: family.id,
      status: family.status,
      statusReason: family.status_reason,
      statusMessage: statusMessage(family.status, family.status_reason),
      reservationsOpen: reservationsOpen(family.status),
      submittedAt: family.submitted_at,
      validatedAt: family.validated_at,
    },
    account: { email: account?.email ?? null },
    responsable: responsable ? guardianDto(responsable) : null,
    conjoint: conjoint ? guardianDto(conjoint) : null,
    household: householdDto(family),
    children: childDtos,
    mandates: mandates.map(options.forStaff ? staffMandateDto : mandateDto),
    documents: documentDtos,
    completeness: completeness({
      responsable: responsable ? guardianDto(responsable) : null,
      childrenCount: childDtos.length,
      documents: documentDtos,
      today: options.today,
    }),
  };
}
