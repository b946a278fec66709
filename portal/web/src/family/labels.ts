import type { Diet, DocumentStatus, DocumentType, FamilyDocument, InvoiceDelivery, Mandate } from './types';

// French wording of the family file's codes, as parents read them on the portal.

export const DOCUMENT_TYPE_LABELS: Record<DocumentType, string> = {
  attestation_responsabilite_civile: 'Attestation de responsabilité civile',
  rib: 'RIB',
  mandat_sepa: 'Mandat SEPA',
  justificatif_qf: 'Justificatif de quotient familial',
  pai: 'PAI',
  certificat_medical: 'Certificat médical',
  autre: 'Autre',
};

export const DOCUMENT_TYPES = Object.keys(DOCUMENT_TYPE_LABELS) as DocumentType[];

export const isDocumentType = (value: string): value is DocumentType => value in DOCUMENT_TYPE_LABELS;

const DOCUMENT_STATUS_LABELS: Record<DocumentStatus, string> = {
  transmitted: 'Transmis',
  accepted: 'Accepté',
  refused: 'Refusé',
  expired: 'Expiré',
};

/** "Transmis", "Accepté", "Refusé : <motif>", "Expiré". */
export function documentStatusLabel(doc: Pick<FamilyDocument, 'status' | 'refusalReason'>): string {
  const label = DOCUMENT_STATUS_LABELS[doc.status];
  return doc.status === 'refused' && doc.refusalReason ? `${label} : ${doc.refusalReason}` : label;
}

export const DIET_LABELS: Record<Diet, string> = {
  standard: 'Standard',
  sans_porc: 'Sans porc',
  vegetarien: 'Végétarien',
  sans_gluten: 'Sans gluten',
  autre: 'Autre (à préciser)',
};

export const INVOICE_DELIVERY_LABELS: Record<InvoiceDelivery, string> = {
  email_pdf: 'Par e-mail, facture jointe en PDF',
  email_link: 'Par e-mail, avec un lien vers le portail',
  paper: 'Par courrier (papier)',
};

export const MANDATE_STATUS_LABELS: Record<Mandate['status'], string> = {
  pending: 'En attente de vérification',
  active: 'Actif',
  revoked: 'Révoqué',
  lapsed: 'Caduc',
};

export const SEX_LABELS = { F: 'Fille', M: 'Garçon' } as const;

/** "1,2 Mo", "350 ko". */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
  return `${Math.max(1, Math.round(bytes / 1024))} ko`;
}
