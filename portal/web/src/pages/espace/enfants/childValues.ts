import { childInputSchema } from '../../../../../../shared/schemas/family';
import { checkWith } from '../../../forms/issues';
import { orNull, todayInFrance } from '../../../format';
import type { Child, ChildInput } from '../../../family/types';

export type ChildValues = {
  lastName: string;
  firstName: string;
  birthDate: string;
  sex: string;
  school: string;
  classLevel: string;
  imageRights: boolean;
  mayLeaveAlone: boolean;
  notes: string;
};

export function childValues(c: Child | null, lastName = ''): ChildValues {
  return {
    lastName: c?.lastName ?? lastName,
    firstName: c?.firstName ?? '',
    birthDate: c?.birthDate ?? '',
    sex: c?.sex ?? '',
    school: c?.school ?? '',
    classLevel: c?.classLevel ?? '',
    imageRights: c?.imageRights ?? false,
    mayLeaveAlone: c?.mayLeaveAlone ?? false,
    notes: c?.notes ?? '',
  };
}

/** The whole ChildInput (a section edits some fields, the others are sent unchanged). */
export function childInput(v: ChildValues): ChildInput {
  return checkWith(childInputSchema(todayInFrance()), {
    lastName: v.lastName.trim(),
    firstName: v.firstName.trim(),
    birthDate: v.birthDate,
    sex: v.sex === 'F' || v.sex === 'M' ? v.sex : null,
    school: orNull(v.school),
    classLevel: orNull(v.classLevel),
    imageRights: v.imageRights,
    mayLeaveAlone: v.mayLeaveAlone,
    notes: orNull(v.notes),
  });
}
