import type { Generated } from 'kysely';
import type { Bool, Id, IsoDate, IsoInstant } from './common';

export type FamilyStatus =
  | 'email_unverified'
  | 'profile_incomplete'
  | 'awaiting_validation'
  | 'validated'
  | 'rejected'
  | 'suspended'
  | 'archived';

export interface FamiliesTable {
  id: Id;
  status: FamilyStatus;
  status_reason: string | null;
  qf: number | null;
  qf_valid_until: IsoDate | null;
  caf_number: string | null;
  allocataire_name: string | null;
  dependants_count: number | null;
  outside_commune: Generated<Bool>;
  invoice_delivery: Generated<'email_pdf' | 'email_link' | 'paper'>;
  ical_token: string | null;
  submitted_at: IsoInstant | null;
  validated_at: IsoInstant | null;
  validated_by: number | null;
  created_at: IsoInstant;
  updated_at: IsoInstant;
}

export interface GuardiansTable {
  id: Id;
  family_id: number;
  role: 'responsable' | 'conjoint';
  civility: 'M.' | 'Mme' | null;
  last_name: string;
  first_name: string;
  birth_date: IsoDate | null;
  email: string | null;
  phone_mobile: string | null;
  phone_home: string | null;
  address_line1: string | null;
  address_line2: string | null;
  postal_code: string | null;
  city: string | null;
  employer: string | null;
  profession: string | null;
  phone_work: string | null;
  created_at: IsoInstant;
  updated_at: IsoInstant;
}

export interface PortalAccountsTable {
  id: Id;
  family_id: number;
  email: string;
  password_hash: string;
  email_verified_at: IsoInstant | null;
  created_at: IsoInstant;
  last_login_at: IsoInstant | null;
}

export interface EmailTokensTable {
  id: Id;
  account_id: number;
  purpose: 'verify_email' | 'reset_password' | 'change_email';
  token_hash: string;
  new_email: string | null;
  expires_at: IsoInstant;
  used_at: IsoInstant | null;
  created_at: IsoInstant;
}

export type DocumentType =
  | 'attestation_responsabilite_civile'
  | 'rib'
  | 'mandat_sepa'
  | 'justificatif_qf'
  | 'pai'
  | 'certificat_medical'
  | 'autre';

export interface DocumentsTable {
  id: Id;
  family_id: number;
  child_id: number | null;
  type: DocumentType;
  file_name: string;
  mime_type: 'application/pdf' | 'image/jpeg' | 'image/png';
  size_bytes: number;
  storage_key: string;
  sha256: string;
  status: Generated<'transmitted' | 'accepted' | 'refused' | 'expired'>;
  refusal_reason: string | null;
  school_year: string | null;
  valid_until: IsoDate | null;
  uploaded_by_account_id: number | null;
  uploaded_by_staff_id: number | null;
  uploaded_at: IsoInstant;
  reviewed_by: number | null;
  reviewed_at: IsoInstant | null;
}

export interface SepaMandatesTable {
  id: Id;
  family_id: number;
  rum: string;
  iban: string;
  bic: string;
  holder_name: string;
  signature_date: IsoDate;
  status: Generated<'pending' | 'active' | 'revoked' | 'lapsed'>;
  first_collected_at: IsoInstant | null;
  last_collected_at: IsoInstant | null;
  document_id: number | null;
  created_at: IsoInstant;
  updated_at: IsoInstant;
}
