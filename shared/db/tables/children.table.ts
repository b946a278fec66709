import type { Generated } from 'kysely';
import type { Bool, Id, IsoDate, IsoInstant } from './common';

export interface ChildrenTable {
  id: Id;
  last_name: string;
  first_name: string;
  birth_date: IsoDate;
  sex: 'F' | 'M' | null;
  school: string | null;
  class_level: string | null;
  image_rights: Generated<Bool>;
  may_leave_alone: Generated<Bool>;
  notes: string | null;
  created_at: IsoInstant;
  updated_at: IsoInstant;
}

export interface FamilyChildrenTable {
  family_id: number;
  child_id: number;
  linked_at: IsoInstant;
}

export type Diet = 'standard' | 'sans_porc' | 'vegetarien' | 'sans_gluten' | 'autre';

export interface MedicalRecordsTable {
  child_id: number;
  allergies: string | null;
  has_pai: Generated<Bool>;
  pai_details: string | null;
  pai_document_id: number | null;
  diet: Generated<Diet>;
  diet_details: string | null;
  doctor_name: string | null;
  doctor_phone: string | null;
  vaccinations_up_to_date: Bool | null;
  vaccination_notes: string | null;
  other_notes: string | null;
  updated_at: IsoInstant;
}

export interface AuthorizedPersonsTable {
  id: Id;
  child_id: number;
  last_name: string;
  first_name: string;
  mobile: string;
  relationship: string;
  created_at: IsoInstant;
}
