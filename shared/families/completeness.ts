import type { DocumentDto, GuardianDto } from './presenters';

export interface Completeness {
  complete: boolean;
  /** What is still missing, in French, in the order the parent should fix it. */
  missing: string[];
}

/** School year of a date: from 1 September to 31 August, e.g. '2026-2027'. */
export function schoolYearOf(date: string): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return month >= 9 ? `${year}-${year + 1}` : `${year - 1}-${year}`;
}

/** ÉTAPE 4: what the file needs before it can be submitted to staff (a pure rule). */
export function completeness(input: {
  responsable: GuardianDto | null;
  childrenCount: number;
  documents: DocumentDto[];
  today: string;
}): Completeness {
  const missing: string[] = [];
  const r = input.responsable;
  if (!r || !r.lastName || !r.firstName) missing.push('Complétez votre profil : nom et prénom.');
  if (!r?.addressLine1 || !r.postalCode || !r.city) missing.push('Complétez votre profil : adresse postale.');
  if (!r?.phoneMobile && !r?.phoneHome) missing.push('Complétez votre profil : au moins un numéro de téléphone.');
  if (input.childrenCount === 0) missing.push('Ajoutez au moins un enfant.');
  const year = schoolYearOf(input.today);
  const insurance = input.documents.some(
    (d) =>
      d.type === 'attestation_responsabilite_civile' &&
      (d.status === 'transmitted' || d.status === 'accepted') &&
      (d.schoolYear === null || d.schoolYear === year),
  );
  if (!insurance) missing.push(`Transmettez l'attestation de responsabilité civile de l'année ${year}.`);
  return { complete: missing.length === 0, missing };
}
