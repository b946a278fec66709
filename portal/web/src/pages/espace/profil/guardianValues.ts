import { guardianInputSchema } from '../../../../../../shared/schemas/family';
import { checkWith } from '../../../forms/issues';
import { orNull, todayInFrance } from '../../../format';
import type { Guardian, GuardianInput } from '../../../family/types';

export type GuardianValues = {
  civility: string;
  lastName: string;
  firstName: string;
  birthDate: string;
  email: string;
  phoneMobile: string;
  phoneHome: string;
  addressLine1: string;
  addressLine2: string;
  postalCode: string;
  city: string;
  employer: string;
  profession: string;
  phoneWork: string;
};

export function guardianValues(g: Guardian | null, defaults: Partial<GuardianValues> = {}): GuardianValues {
  return {
    civility: g?.civility ?? '',
    lastName: g?.lastName ?? '',
    firstName: g?.firstName ?? '',
    birthDate: g?.birthDate ?? '',
    email: g?.email ?? '',
    phoneMobile: g?.phoneMobile ?? '',
    phoneHome: g?.phoneHome ?? '',
    addressLine1: g?.addressLine1 ?? '',
    addressLine2: g?.addressLine2 ?? '',
    postalCode: g?.postalCode ?? '',
    city: g?.city ?? '',
    employer: g?.employer ?? '',
    profession: g?.profession ?? '',
    phoneWork: g?.phoneWork ?? '',
    ...defaults,
  };
}

/** The whole GuardianInput (a section edits some fields and sends the others unchanged), checked with the API's schema. */
export function guardianInput(v: GuardianValues): GuardianInput {
  const civility = v.civility === 'M.' || v.civility === 'Mme' ? v.civility : null;
  return checkWith(guardianInputSchema(todayInFrance()), {
    civility,
    lastName: v.lastName.trim(),
    firstName: v.firstName.trim(),
    birthDate: orNull(v.birthDate),
    email: orNull(v.email),
    phoneMobile: orNull(v.phoneMobile),
    phoneHome: orNull(v.phoneHome),
    addressLine1: orNull(v.addressLine1),
    addressLine2: orNull(v.addressLine2),
    postalCode: orNull(v.postalCode),
    city: orNull(v.city),
    employer: orNull(v.employer),
    profession: orNull(v.profession),
    phoneWork: orNull(v.phoneWork),
  });
}
