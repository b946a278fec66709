import { useLoaded, type Loaded } from '../useLoaded';
import { getFamilyFile } from './api';
import type { FamilyFile } from './types';

/** `GET /api/family`, replaced in place by the writes that answer the whole file. */
export function useFamilyFile(): Loaded<FamilyFile> {
  return useLoaded(getFamilyFile);
}
