// Shapes of the family-file API (docs/API.md, "Family accounts (issue 3)"), taken from the server's
// presenters so that both sides cannot drift apart. Type-only imports: nothing of `shared/` is bundled.
import type { Completeness } from '../../../../shared/families/completeness';
import type { FamilyFile } from '../../../../shared/families/file';
import type {
  AuthorizedPersonDto,
  ChildDto,
  ChildSummaryDto,
  DocumentDto,
  GuardianDto,
  HouseholdDto,
  MandateDto,
  MedicalDto,
} from '../../../../shared/families/presenters';

export type { Completeness, FamilyFile };
export type Guardian = GuardianDto;
export type Household = HouseholdDto;
export type ChildSummary = ChildSummaryDto;
export type Child = ChildDto;
export type Medical = MedicalDto;
export type AuthorizedPerson = AuthorizedPersonDto;
/** The portal never receives the full IBAN. */
export type Mandate = MandateDto;
export type FamilyDocument = DocumentDto;
export type DocumentType = DocumentDto['type'];
export type DocumentStatus = DocumentDto['status'];
export type Diet = MedicalDto['diet'];
export type InvoiceDelivery = HouseholdDto['invoiceDelivery'];

export type GuardianInput = Omit<Guardian, 'id' | 'role'>;
export type ChildInput = Pick<
  Child,
  'lastName' | 'firstName' | 'birthDate' | 'sex' | 'school' | 'classLevel' | 'imageRights' | 'mayLeaveAlone' | 'notes'
>;
export type MedicalInput = Omit<Medical, 'paiDocumentId'>;
export type AuthorizedPersonInput = Omit<AuthorizedPerson, 'id'>;
export interface HouseholdInput {
  qf: number | null;
  cafNumber: string | null;
  allocataireName: string | null;
  dependantsCount: number | null;
  invoiceDelivery: InvoiceDelivery;
}
export interface MandateInput {
  iban: string;
  bic: string;
  holderName: string;
  signatureDate: string;
}
