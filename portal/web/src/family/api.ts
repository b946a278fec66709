import { request } from '../api';
import type {
  AuthorizedPersonInput,
  Child,
  ChildInput,
  FamilyDocument,
  FamilyFile,
  GuardianInput,
  HouseholdInput,
  Mandate,
  MandateInput,
  MedicalInput,
} from './types';

// The parent's family file (docs/API.md, "Parents — family file"). Every route is scoped by the session.

const child = (id: number) => `/api/family/children/${id}`;

export const getFamilyFile = (signal?: AbortSignal) => request<FamilyFile>('GET', '/api/family', undefined, signal);

export const saveProfile = (input: GuardianInput) => request<FamilyFile>('PUT', '/api/family/profile', input);
export const saveConjoint = (input: GuardianInput) => request<FamilyFile>('PUT', '/api/family/conjoint', input);
export const removeConjoint = () => request<FamilyFile>('DELETE', '/api/family/conjoint');
export const saveHousehold = (input: HouseholdInput) => request<FamilyFile>('PUT', '/api/family/household', input);

export const addMandate = (input: MandateInput) => request<Mandate>('POST', '/api/family/mandates', input);
export const revokeMandate = (id: number) => request<Mandate>('DELETE', `/api/family/mandates/${id}`);

export const addChild = (input: ChildInput) => request<Child>('POST', '/api/family/children', input);
export const getChild = (id: number, signal?: AbortSignal) => request<Child>('GET', child(id), undefined, signal);
export const saveChild = (id: number, input: ChildInput) => request<Child>('PUT', child(id), input);
export const saveMedical = (id: number, input: MedicalInput) => request<Child>('PUT', `${child(id)}/medical`, input);
export const addAuthorizedPerson = (id: number, input: AuthorizedPersonInput) =>
  request<Child>('POST', `${child(id)}/authorized-persons`, input);
export const saveAuthorizedPerson = (id: number, personId: number, input: AuthorizedPersonInput) =>
  request<Child>('PUT', `${child(id)}/authorized-persons/${personId}`, input);
export const removeAuthorizedPerson = (id: number, personId: number) =>
  request<Child>('DELETE', `${child(id)}/authorized-persons/${personId}`);

export function uploadDocument(input: { type: string; childId: number | null; file: File }): Promise<FamilyDocument> {
  const form = new FormData();
  form.append('type', input.type);
  if (input.childId !== null) form.append('childId', String(input.childId));
  form.append('file', input.file, input.file.name);
  return request<FamilyDocument>('POST', '/api/family/documents', form);
}
export const deleteDocument = (id: number) => request<null>('DELETE', `/api/family/documents/${id}`);
export const documentFileUrl = (id: number) => `/api/family/documents/${id}/file`;

export const submitFamilyFile = () => request<FamilyFile>('POST', '/api/family/submit');
