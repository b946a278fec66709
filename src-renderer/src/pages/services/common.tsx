/** Small pieces shared by the tabs of a service. */
import { Button, Group } from '@mantine/core';
import { useState } from 'react';
import { toApiError, type ApiError } from '../../api';
import { issuesToErrors, type Form, type FormErrors } from '../../forms';

export { ConfirmModal } from '../../components/ConfirmModal';

/** Submitting a form: the shared schema first, then the server, whose `issues` land on the fields. */
export function useSubmit<V extends object>(form: Form<V>, remap: (errors: FormErrors) => FormErrors = (e) => e) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function run(send: () => Promise<void>): Promise<void> {
    if (saving) return;
    if (!form.validate()) {
      setError(null);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await send();
    } catch (caught) {
      const apiError = toApiError(caught);
      setError(apiError);
      form.setErrors(remap(issuesToErrors(apiError.issues)));
    } finally {
      setSaving(false);
    }
  }

  return { saving, error, run };
}

export function FormButtons({ saving, submitLabel, onCancel }: { saving: boolean; submitLabel: string; onCancel: () => void }) {
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel} disabled={saving}>
        Annuler
      </Button>
      <Button type="submit" loading={saving}>
        {submitLabel}
      </Button>
    </Group>
  );
}
