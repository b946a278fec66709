import type { DocumentType } from '../db/tables/families.table';
import { schoolYearOf } from '../families/completeness';

/** 10 Mo: the guide's limit for a scan or a photo of a paper document. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export const DOCUMENT_TYPES = [
  'attestation_responsabilite_civile',
  'rib',
  'mandat_sepa',
  'justificatif_qf',
  'pai',
  'certificat_medical',
  'autre',
] as const satisfies readonly DocumentType[];

/** The names parents and staff read (e-mails, lists). */
export const DOCUMENT_TYPE_LABELS: Record<DocumentType, string> = {
  attestation_responsabilite_civile: 'Attestation de responsabilité civile',
  rib: 'RIB',
  mandat_sepa: 'Mandat SEPA',
  justificatif_qf: 'Justificatif de quotient familial',
  pai: "PAI (projet d'accueil individualisé)",
  certificat_medical: 'Certificat médical',
  autre: 'Autre document',
};

export type DocumentStatus = 'transmitted' | 'accepted' | 'refused' | 'expired';

export const DOCUMENT_STATUS_LABELS: Record<DocumentStatus, string> = {
  transmitted: 'transmis',
  accepted: 'accepté',
  refused: 'refusé',
  expired: 'expiré',
};

/** 31 August ending the school year of `today` ('2026-11-26' → '2027-08-31'). */
export function endOfSchoolYear(today: string): string {
  const [, end] = schoolYearOf(today).split('-');
  return `${end}-08-31`;
}

/** An accepted document is expired once the day after its last valid day has come. */
export function isExpired(doc: { status: DocumentStatus; validUntil: string | null }, today: string): boolean {
  return doc.status === 'accepted' && doc.validUntil !== null && doc.validUntil < today;
}

/** Parents may withdraw a document only until staff have looked at it. */
export const parentMayDelete = (status: DocumentStatus): boolean => status === 'transmitted';

/** "2027-08-31" → "31/08/2027", as French letters write dates. */
export function frenchDate(date: string): string {
  const [y, m, d] = date.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}
