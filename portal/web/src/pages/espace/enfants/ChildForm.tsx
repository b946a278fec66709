import { FormActions } from '../../../forms/FormActions';
import { FormAlert } from '../../../forms/FormAlert';
import { RequiredNote } from '../../../forms/RequiredNote';
import { useForm } from '../../../forms/useForm';
import type { Child, ChildInput } from '../../../family/types';
import { ChildFields, type ChildGroup } from './ChildFields';
import { childInput, childValues } from './childValues';

interface Props {
  child: Child | null;
  groups: readonly ChildGroup[];
  save: (input: ChildInput) => Promise<Child>;
  onSaved: (child: Child) => void | Promise<void>;
  submitLabel: string;
  onCancel: () => void;
  defaultLastName?: string;
  focusFirst?: boolean;
}

export function ChildForm({ child, groups, save, onSaved, submitLabel, onCancel, defaultLastName, focusFirst }: Props) {
  const form = useForm(childValues(child, defaultLastName), { focusFirst });
  const submit = form.handleSubmit(async (values) => {
    await onSaved(await save(childInput(values)));
  });
  return (
    <form className="form" id={form.formId} onSubmit={submit} noValidate aria-busy={form.pending}>
      {groups.includes('identite') && <RequiredNote />}
      <ChildFields form={form} groups={groups} />
      <FormAlert form={form} />
      <FormActions submitLabel={submitLabel} pending={form.pending} onCancel={onCancel} />
    </form>
  );
}
