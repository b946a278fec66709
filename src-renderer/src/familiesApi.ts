/** Staff endpoints of the family accounts (docs/API.md, "Family accounts (issue 3)" → "Staff"). */
import { ApiError, NETWORK_ERROR_MESSAGE, request } from './api';
import type {
  AuditList,
  AuthorizedPersonInput,
  Child,
  ChildFamilies,
  ChildInput,
  DocumentList,
  DocumentStatus,
  DocumentType,
  FamilyDocument,
  FamilyFile,
  FamilyList,
  FamilyStatus,
  GuardianInput,
  HouseholdInput,
  Mandate,
  MedicalInput,
  NewFamilyBody,
} from './types';

const id = (value: number | string): string => encodeURIComponent(String(value));
const family = (familyId: number | string): string => `/api/staff/families/${id(familyId)}`;

export interface FamilySearch {
  q: string;
  status: FamilyStatus | null;
}

/** Same-origin address of a document's file (sent with the staff cookie; `<img src>` can use it). */
export function documentFileUrl(documentId: number): string {
  return `/api/staff/documents/${id(documentId)}/file`;
}

export const familiesApi = {
  search: (search: FamilySearch, signal?: AbortSignal): Promise<FamilyList> => {
    const params = new URLSearchParams();
    params.set('q', search.q);
    if (search.status) params.set('status', search.status);
    return request<FamilyList>('GET', `/api/staff/families?${params.toString()}`, signal ? { signal } : {});
  },
  queue: (): Promise<FamilyList> => request<FamilyList>('GET', '/api/staff/families/queue'),
  create: (body: NewFamilyBody): Promise<FamilyFile> => request<FamilyFile>('POST', '/api/staff/families', { body }),
  file: (familyId: number): Promise<FamilyFile> => request<FamilyFile>('GET', family(familyId)),
  audit: (familyId: number): Promise<AuditList> => request<AuditList>('GET', `${family(familyId)}/audit`),

  saveProfile: (familyId: number, body: GuardianInput): Promise<FamilyFile> =>
    request<FamilyFile>('PUT', `${family(familyId)}/profile`, { body }),
  saveConjoint: (familyId: number, body: GuardianInput): Promise<FamilyFile> =>
    request<FamilyFile>('PUT', `${family(familyId)}/conjoint`, { body }),
  removeConjoint: (familyId: number): Promise<FamilyFile> => request<FamilyFile>('DELETE', `${family(familyId)}/conjoint`),
  saveHousehold: (familyId: number, body: HouseholdInput): Promise<FamilyFile> =>
    request<FamilyFile>('PUT', `${family(familyId)}/household`, { body }),

  activateMandate: (familyId: number, mandateId: number): Promise<Mandate> =>
    request<Mandate>('POST', `${family(familyId)}/mandates/${id(mandateId)}/activate`),

  child: (familyId: number, childId: number): Promise<Child> =>
    request<Child>('GET', `${family(familyId)}/children/${id(childId)}`),
  addChild: (familyId: number, body: ChildInput): Promise<Child> =>
    request<Child>('POST', `${family(familyId)}/children`, { body }),
  saveChild: (familyId: number, childId: number, body: ChildInput): Promise<Child> =>
    request<Child>('PUT', `${family(familyId)}/children/${id(childId)}`, { body }),
  saveMedical: (familyId: number, childId: number, body: MedicalInput): Promise<Child> =>
    request<Child>('PUT', `${family(familyId)}/children/${id(childId)}/medical`, { body }),
  addAuthorizedPerson: (familyId: number, childId: number, body: AuthorizedPersonInput): Promise<Child> =>
    request<Child>('POST', `${family(familyId)}/children/${id(childId)}/authorized-persons`, { body }),
  saveAuthorizedPerson: (familyId: number, childId: number, personId: number, body: AuthorizedPersonInput): Promise<Child> =>
    request<Child>('PUT', `${family(familyId)}/children/${id(childId)}/authorized-persons/${id(personId)}`, { body }),
  removeAuthorizedPerson: (familyId: number, childId: number, personId: number): Promise<Child> =>
    request<Child>('DELETE', `${family(familyId)}/children/${id(childId)}/authorized-persons/${id(personId)}`),
  linkChild: (childId: number, familyId: number): Promise<ChildFamilies> =>
    request<ChildFamilies>('POST', `/api/staff/children/${id(childId)}/families`, { body: { familyId } }),

  uploadDocument: (familyId: number, input: { type: DocumentType; childId: number | null; file: File }): Promise<FamilyDocument> => {
    const form = new FormData();
    form.set('type', input.type);
    if (input.childId !== null) form.set('childId', String(input.childId));
    form.set('file', input.file, input.file.name);
    return request<FamilyDocument>('POST', `${family(familyId)}/documents`, { form });
  },

  validate: (familyId: number): Promise<FamilyFile> => request<FamilyFile>('POST', `${family(familyId)}/validate`),
  reject: (familyId: number, reason: string): Promise<FamilyFile> =>
    request<FamilyFile>('POST', `${family(familyId)}/reject`, { body: { reason } }),

  documents: (status: DocumentStatus): Promise<DocumentList> =>
    request<DocumentList>('GET', `/api/staff/documents?status=${encodeURIComponent(status)}`),
  acceptDocument: (documentId: number, validUntil: string | null): Promise<FamilyDocument> =>
    request<FamilyDocument>('POST', `/api/staff/documents/${id(documentId)}/accept`, {
      body: validUntil ? { validUntil } : {},
    }),
  refuseDocument: (documentId: number, reason: string): Promise<FamilyDocument> =>
    request<FamilyDocument>('POST', `/api/staff/documents/${id(documentId)}/refuse`, { body: { reason } }),

  /** The file's bytes (for a preview in a new tab: the server sends it as an attachment). */
  documentBlob: async (documentId: number): Promise<Blob> => {
    let response: Response;
    try {
      response = await fetch(documentFileUrl(documentId), { credentials: 'same-origin' });
    } catch {
      throw new ApiError(0, 'network', NETWORK_ERROR_MESSAGE);
    }
    if (!response.ok) {
      throw new ApiError(
        response.status,
        'http',
        response.status === 404 ? 'Ce document est introuvable.' : `Le document n’a pas pu être ouvert (HTTP ${response.status}).`,
      );
    }
    return response.blob();
  },
};
