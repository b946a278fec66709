import { FormActions } from '../../../forms/FormActions';
import { FormAlert } from '../../../forms/FormAlert';
import { RequiredNote } from '../../../forms/RequiredNote';
import { useForm } from '../../../forms/useForm';
import type { FamilyFile, Guardian, GuardianInput } from '../../../family/types';
import { GuardianFields, type GuardianGroup } from './GuardianFields';
import { guardianInput, guardianValues, type GuardianValues } from './guardianValues';

interface Props {
  guardian: Guardian | null;
  groups: readonly GuardianGroup[];
  save: (input: GuardianInput) => Promise<FamilyFile>;
  onSaved: (file: FamilyFile) => void | Promise<void>;
  submitLabel: string;
  onCancel?: () => void;
  conjoint?: boolean;
  defaults?: Partial<GuardianValues>;
}

/** Edits some blocks of a guardian and sends the whole guardian (the other fields unchanged). */
export function GuardianForm({ guardian, groups, save, onSaved, submitLabel, onCancel, conjoint, defaults }: Props) {
  const form = useForm<GuardianValues>(guardianValues(guardian, defaults));
  const submit = form.handleSubmit(async (values) => {
    const file = await save(guardianInput(values));
    await onSaved(file);
  });
  return (
    <form className="form" id={form.formId} onSubmit={submit} noValidate aria-busy={form.pending}>
      {groups.includes('personnelles') && <RequiredNote />}
      <GuardianFields form={form} groups={groups} conjoint={conjoint} />
      <FormAlert form={form} />
      <FormActions submitLabel={submitLabel} pending={form.pending} onCancel={onCancel} />
    </form>
  );
}
