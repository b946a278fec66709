/** French labels of the family file's codes, and small display helpers. */
import { formatDate } from './format';
import type { Diet, DocumentStatus, DocumentType, FamilyStatus, InvoiceDelivery, MandateStatus } from './types';

export const FAMILY_STATUSES: readonly FamilyStatus[] = [
  'email_unverified',
  'profile_incomplete',
  'awaiting_validation',
  'validated',
  'rejected',
  'suspended',
  'archived',
];

const FAMILY_STATUS_LABELS: Record<FamilyStatus, string> = {
  email_unverified: 'E-mail à confirmer',
  profile_incomplete: 'Dossier incomplet',
  awaiting_validation: 'En attente de validation',
  validated: 'Validé',
  rejected: 'Refusé',
  suspended: 'Suspendu',
  archived: 'Archivé',
};

export const FAMILY_STATUS_COLORS: Record<FamilyStatus, string> = {
  email_unverified: 'gray',
  profile_incomplete: 'gray',
  awaiting_validation: 'orange',
  validated: 'green',
  rejected: 'red',
  suspended: 'red',
  archived: 'dark',
};

export function familyStatusLabel(status: FamilyStatus): string {
  return FAMILY_STATUS_LABELS[status] ?? status;
}

export const DOCUMENT_TYPES: readonly DocumentType[] = [
  'attestation_responsabilite_civile',
  'rib',
  'mandat_sepa',
  'justificatif_qf',
  'pai',
  'certificat_medical',
  'autre',
];

const DOCUMENT_TYPE_LABELS: Record<DocumentType, string> = {
  attestation_responsabilite_civile: 'Attestation de responsabilité civile',
  rib: 'RIB',
  mandat_sepa: 'Mandat SEPA',
  justificatif_qf: 'Justificatif de QF',
  pai: 'PAI',
  certificat_medical: 'Certificat médical',
  autre: 'Autre document',
};

export function documentTypeLabel(type: DocumentType): string {
  return DOCUMENT_TYPE_LABELS[type] ?? type;
}

const DOCUMENT_STATUS_LABELS: Record<DocumentStatus, string> = {
  transmitted: 'Transmis',
  accepted: 'Accepté',
  refused: 'Refusé',
  expired: 'Expiré',
};

export const DOCUMENT_STATUS_COLORS: Record<DocumentStatus, string> = {
  transmitted: 'orange',
  accepted: 'green',
  refused: 'red',
  expired: 'gray',
};

export function documentStatusLabel(status: DocumentStatus): string {
  return DOCUMENT_STATUS_LABELS[status] ?? status;
}

const MANDATE_STATUS_LABELS: Record<MandateStatus, string> = {
  pending: 'À vérifier',
  active: 'Actif',
  revoked: 'Révoqué',
  lapsed: 'Caduc',
};

export function mandateStatusLabel(status: MandateStatus): string {
  return MANDATE_STATUS_LABELS[status] ?? status;
}

export const DIETS: readonly Diet[] = ['standard', 'sans_porc', 'vegetarien', 'sans_gluten', 'autre'];

const DIET_LABELS: Record<Diet, string> = {
  standard: 'Standard',
  sans_porc: 'Sans porc',
  vegetarien: 'Végétarien',
  sans_gluten: 'Sans gluten',
  autre: 'Autre',
};

export function dietLabel(diet: Diet): string {
  return DIET_LABELS[diet] ?? diet;
}

export const INVOICE_DELIVERIES: readonly InvoiceDelivery[] = ['email_pdf', 'email_link', 'paper'];

const INVOICE_DELIVERY_LABELS: Record<InvoiceDelivery, string> = {
  email_pdf: 'Par courriel (PDF joint)',
  email_link: 'Par courriel (lien vers le portail)',
  paper: 'Sur papier',
};

export function invoiceDeliveryLabel(value: InvoiceDelivery): string {
  return INVOICE_DELIVERY_LABELS[value] ?? value;
}

/** "FR76 3000 6000 0112 3456 7890 189": an IBAN in groups of four, as printed on a RIB. */
export function formatIban(iban: string): string {
  return iban
    .replace(/\s+/g, '')
    .toUpperCase()
    .replace(/(.{4})/g, '$1 ')
    .trim();
}

/** How long a request has been waiting, e.g. "3 jours", "5 h", "moins d’une heure". */
export function formatAge(since: string, now: Date = new Date()): string {
  const elapsed = now.getTime() - Date.parse(since);
  if (!Number.isFinite(elapsed) || elapsed < 60 * 60 * 1000) return 'moins d’une heure';
  const hours = Math.floor(elapsed / (60 * 60 * 1000));
  if (hours < 24) return `${hours} h`;
  const days = Math.floor(hours / 24);
  return days === 1 ? '1 jour' : `${days} jours`;
}

/** `YYYY-MM-DD` → age in whole years at `today`. */
export function ageInYears(birthDate: string, today: Date = new Date()): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  let age = today.getFullYear() - year;
  if (today.getMonth() + 1 < month || (today.getMonth() + 1 === month && today.getDate() < day)) age -= 1;
  return age;
}

export function birthLabel(birthDate: string): string {
  const age = ageInYears(birthDate);
  return age === null ? formatDate(birthDate) : `${formatDate(birthDate)} (${age} an${age > 1 ? 's' : ''})`;
}

export function yesNo(value: boolean | null): string {
  if (value === null) return 'Non renseigné';
  return value ? 'Oui' : 'Non';
}

const AUDIT_ACTION_LABELS: Record<string, string> = {
  'account.created': 'Compte créé sur le portail',
  'account.email_verified': 'Adresse e-mail confirmée',
  'account.email_change_requested': 'Changement d’adresse e-mail demandé',
  'account.email_changed': 'Adresse e-mail modifiée',
  'account.password_changed': 'Mot de passe modifié',
  'account.password_reset': 'Mot de passe réinitialisé',
  'family.created': 'Dossier créé',
  'family.submitted': 'Dossier transmis pour validation',
  'family.validated': 'Dossier validé',
  'family.rejected': 'Dossier refusé',
  'family.status_changed': 'État du dossier modifié',
  'responsable.created': 'Responsable renseigné',
  'responsable.updated': 'Responsable modifié',
  'conjoint.created': 'Conjoint ajouté',
  'conjoint.updated': 'Conjoint modifié',
  'conjoint.removed': 'Conjoint retiré',
  'guardian.updated': 'Adulte du foyer modifié',
  'household.updated': 'Foyer modifié',
  'mandate.created': 'Mandat SEPA ajouté',
  'mandate.revoked': 'Mandat SEPA révoqué',
  'child.created': 'Enfant ajouté',
  'child.updated': 'Enfant modifié',
  'child.custody_linked': 'Enfant lié à une autre famille (garde alternée)',
  'medical.updated': 'Fiche sanitaire modifiée',
  'authorized_person.added': 'Personne autorisée ajoutée',
  'authorized_person.updated': 'Personne autorisée modifiée',
  'authorized_person.removed': 'Personne autorisée retirée',
  'document.uploaded': 'Document transmis',
  'document.accepted': 'Document accepté',
  'document.refused': 'Document refusé',
  'document.deleted': 'Document supprimé',
  'document.expired': 'Document expiré',
};

/** The audit's action code in French; unknown codes are shown as they are. */
export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}

const FIELD_LABELS: Record<string, string> = {
  status: 'État',
  status_reason: 'Motif',
  statusReason: 'Motif',
  reason: 'Motif',
  civility: 'Civilité',
  last_name: 'Nom',
  lastName: 'Nom',
  first_name: 'Prénom',
  firstName: 'Prénom',
  birth_date: 'Date de naissance',
  birthDate: 'Date de naissance',
  email: 'E-mail',
  phone_mobile: 'Portable',
  phoneMobile: 'Portable',
  phone_home: 'Téléphone fixe',
  phoneHome: 'Téléphone fixe',
  phone_work: 'Téléphone professionnel',
  phoneWork: 'Téléphone professionnel',
  address_line1: 'Adresse',
  addressLine1: 'Adresse',
  address_line2: 'Complément d’adresse',
  addressLine2: 'Complément d’adresse',
  postal_code: 'Code postal',
  postalCode: 'Code postal',
  city: 'Ville',
  employer: 'Employeur',
  profession: 'Profession',
  qf: 'QF',
  qf_valid_until: 'QF valable jusqu’au',
  qfValidUntil: 'QF valable jusqu’au',
  caf_number: 'N° allocataire CAF',
  cafNumber: 'N° allocataire CAF',
  allocataire_name: 'Nom de l’allocataire',
  allocataireName: 'Nom de l’allocataire',
  dependants_count: 'Personnes à charge',
  dependantsCount: 'Personnes à charge',
  outside_commune: 'Extérieur à la commune',
  outsideCommune: 'Extérieur à la commune',
  invoice_delivery: 'Envoi des factures',
  invoiceDelivery: 'Envoi des factures',
  sex: 'Sexe',
  school: 'École',
  class_level: 'Classe',
  classLevel: 'Classe',
  image_rights: 'Droit à l’image',
  imageRights: 'Droit à l’image',
  may_leave_alone: 'Peut partir seul',
  mayLeaveAlone: 'Peut partir seul',
  notes: 'Remarques',
  allergies: 'Allergies',
  has_pai: 'PAI',
  hasPai: 'PAI',
  pai_details: 'Détails du PAI',
  paiDetails: 'Détails du PAI',
  diet: 'Régime',
  diet_details: 'Précisions sur le régime',
  dietDetails: 'Précisions sur le régime',
  doctor_name: 'Médecin',
  doctorName: 'Médecin',
  doctor_phone: 'Téléphone du médecin',
  doctorPhone: 'Téléphone du médecin',
  vaccinations_up_to_date: 'Vaccins à jour',
  vaccinationsUpToDate: 'Vaccins à jour',
  vaccination_notes: 'Vaccinations',
  vaccinationNotes: 'Vaccinations',
  other_notes: 'Autres informations',
  otherNotes: 'Autres informations',
  mobile: 'Portable',
  relationship: 'Lien avec l’enfant',
  type: 'Type',
  refusal_reason: 'Motif du refus',
  refusalReason: 'Motif du refus',
  valid_until: 'Valable jusqu’au',
  validUntil: 'Valable jusqu’au',
  file_name: 'Fichier',
  fileName: 'Fichier',
  holder_name: 'Titulaire',
  holderName: 'Titulaire',
  bic: 'BIC',
  iban: 'IBAN',
  rum: 'RUM',
  signature_date: 'Date de signature',
  signatureDate: 'Date de signature',
  child_id: 'Enfant',
  childId: 'Enfant',
  size_bytes: 'Taille (octets)',
  sizeBytes: 'Taille (octets)',
  mime_type: 'Format',
  mimeType: 'Format',
  school_year: 'Année scolaire',
  schoolYear: 'Année scolaire',
  families: 'Familles (n°)',
  family_id: 'Famille',
  familyId: 'Famille',
};

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field;
}

/** A before/after value of the audit, readable; `field` tells which codes it may hold. */
export function auditValue(value: unknown, field = ''): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
    if (field === 'type' && value in DOCUMENT_TYPE_LABELS) return documentTypeLabel(value as DocumentType);
    if (field === 'diet' && value in DIET_LABELS) return dietLabel(value as Diet);
    if (field === 'invoice_delivery' || field === 'invoiceDelivery') return invoiceDeliveryLabel(value as InvoiceDelivery);
    if (field === 'status' && value in FAMILY_STATUS_LABELS) return familyStatusLabel(value as FamilyStatus);
    if (field === 'status' && value in DOCUMENT_STATUS_LABELS) return documentStatusLabel(value as DocumentStatus);
    return value;
  }
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map((item) => auditValue(item, field)).join(', ');
  return JSON.stringify(value);
}
