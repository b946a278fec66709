import type { Selectable } from 'kysely';
import type { AuthorizedPersonsTable, ChildrenTable, MedicalRecordsTable } from '../db/tables/children.table';
import type { DocumentsTable, FamiliesTable, GuardiansTable, SepaMandatesTable } from '../db/tables/families.table';

// Row → DTO mappers. Each output field is listed by name: a new column never leaks by accident.

export interface GuardianDto {
  id: number;
  role: 'responsable' | 'conjoint';
  civility: 'M.' | 'Mme' | null;
  lastName: string;
  firstName: string;
  birthDate: string | null;
  email: string | null;
  phoneMobile: string | null;
  phoneHome: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  postalCode: string | null;
  city: string | null;
  employer: string | null;
  profession: string | null;
  phoneWork: string | null;
}

export const guardianDto = (g: Selectable<GuardiansTable>): GuardianDto => ({
  id: g.id,
  role: g.role,
  civility: g.civility,
  lastName: g.last_name,
  firstName: g.first_name,
  birthDate: g.birth_date,
  email: g.email,
  phoneMobile: g.phone_mobile,
  phoneHome: g.phone_home,
  addressLine1: g.address_line1,
  addressLine2: g.address_line2,
  postalCode: g.postal_code,
  city: g.city,
  employer: g.employer,
  profession: g.profession,
  phoneWork: g.phone_work,
});

export interface HouseholdDto {
  qf: number | null;
  qfValidUntil: string | null;
  cafNumber: string | null;
  allocataireName: string | null;
  dependantsCount: number | null;
  outsideCommune: boolean;
  invoiceDelivery: 'email_pdf' | 'email_link' | 'paper';
}

export const householdDto = (f: Selectable<FamiliesTable>): HouseholdDto => ({
  qf: f.qf,
  qfValidUntil: f.qf_valid_until,
  cafNumber: f.caf_number,
  allocataireName: f.allocataire_name,
  dependantsCount: f.dependants_count,
  outsideCommune: f.outside_commune === 1,
  invoiceDelivery: f.invoice_delivery,
});

export interface ChildSummaryDto {
  id: number;
  lastName: string;
  firstName: string;
  birthDate: string;
  school: string | null;
  classLevel: string | null;
  sharedCustody: boolean;
}

export const childSummaryDto = (c: Selectable<ChildrenTable>, familiesCount: number): ChildSummaryDto => ({
  id: c.id,
  lastName: c.last_name,
  firstName: c.first_name,
  birthDate: c.birth_date,
  school: c.school,
  classLevel: c.class_level,
  sharedCustody: familiesCount > 1,
});

export interface MedicalDto {
  allergies: string | null;
  hasPai: boolean;
  paiDetails: string | null;
  paiDocumentId: number | null;
  diet: 'standard' | 'sans_porc' | 'vegetarien' | 'sans_gluten' | 'autre';
  dietDetails: string | null;
  doctorName: string | null;
  doctorPhone: string | null;
  vaccinationsUpToDate: boolean | null;
  vaccinationNotes: string | null;
  otherNotes: string | null;
}

export const EMPTY_MEDICAL: MedicalDto = {
  allergies: null,
  hasPai: false,
  paiDetails: null,
  paiDocumentId: null,
  diet: 'standard',
  dietDetails: null,
  doctorName: null,
  doctorPhone: null,
  vaccinationsUpToDate: null,
  vaccinationNotes: null,
  otherNotes: null,
};

export const medicalDto = (m: Selectable<MedicalRecordsTable> | undefined): MedicalDto =>
  m
    ? {
        allergies: m.allergies,
        hasPai: m.has_pai === 1,
        paiDetails: m.pai_details,
        paiDocumentId: m.pai_document_id,
        diet: m.diet,
        dietDetails: m.diet_details,
        doctorName: m.doctor_name,
        doctorPhone: m.doctor_phone,
        vaccinationsUpToDate: m.vaccinations_up_to_date === null ? null : m.vaccinations_up_to_date === 1,
        vaccinationNotes: m.vaccination_notes,
        otherNotes: m.other_notes,
      }
    : { ...EMPTY_MEDICAL };

export interface AuthorizedPersonDto {
  id: number;
  lastName: string;
  firstName: string;
  mobile: string;
  relationship: string;
}

export const authorizedPersonDto = (p: Selectable<AuthorizedPersonsTable>): AuthorizedPersonDto => ({
  id: p.id,
  lastName: p.last_name,
  firstName: p.first_name,
  mobile: p.mobile,
  relationship: p.relationship,
});

export interface ChildDto extends ChildSummaryDto {
  sex: 'F' | 'M' | null;
  imageRights: boolean;
  mayLeaveAlone: boolean;
  notes: string | null;
  medical: MedicalDto;
  authorizedPersons: AuthorizedPersonDto[];
}

export const childDto = (
  c: Selectable<ChildrenTable>,
  familiesCount: number,
  medical: Selectable<MedicalRecordsTable> | undefined,
  persons: Selectable<AuthorizedPersonsTable>[],
): ChildDto => ({
  ...childSummaryDto(c, familiesCount),
  sex: c.sex,
  imageRights: c.image_rights === 1,
  mayLeaveAlone: c.may_leave_alone === 1,
  notes: c.notes,
  medical: medicalDto(medical),
  authorizedPersons: persons.map(authorizedPersonDto),
});

/** "FR76 **** **** **** **** ***1 89": enough for a parent to recognise the account, no more. */
export function maskIban(iban: string): string {
  const compact = iban.replace(/\s+/g, '').toUpperCase();
  const masked = compact.slice(0, 4) + compact.slice(4, -3).replace(/./g, '*') + compact.slice(-3);
  return masked.replace(/(.{4})/g, '$1 ').trim();
}

export interface MandateDto {
  id: number;
  rum: string;
  ibanMasked: string;
  bic: string;
  holderName: string;
  signatureDate: string;
  status: 'pending' | 'active' | 'revoked' | 'lapsed';
}

export const mandateDto = (m: Selectable<SepaMandatesTable>): MandateDto => ({
  id: m.id,
  rum: m.rum,
  ibanMasked: maskIban(m.iban),
  bic: m.bic,
  holderName: m.holder_name,
  signatureDate: m.signature_date,
  status: m.status,
});

/** Staff see the full IBAN (they build the debit files); parents never get it back. */
export const staffMandateDto = (m: Selectable<SepaMandatesTable>): MandateDto & { iban: string } => ({
  ...mandateDto(m),
  iban: m.iban,
});

export interface DocumentDto {
  id: number;
  type: Selectable<DocumentsTable>['type'];
  childId: number | null;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  status: 'transmitted' | 'accepted' | 'refused' | 'expired';
  refusalReason: string | null;
  schoolYear: string | null;
  validUntil: string | null;
  uploadedAt: string;
}

export const documentDto = (d: Selectable<DocumentsTable>): DocumentDto => ({
  id: d.id,
  type: d.type,
  childId: d.child_id,
  fileName: d.file_name,
  mimeType: d.mime_type,
  sizeBytes: d.size_bytes,
  status: d.status,
  refusalReason: d.refusal_reason,
  schoolYear: d.school_year,
  validUntil: d.valid_until,
  uploadedAt: d.uploaded_at,
});
