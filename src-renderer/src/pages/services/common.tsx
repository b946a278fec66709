/** Small pieces shared by the tabs of a service. */
import { Button, Group, Stack } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { toApiError, type ApiError } from '../../api';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/Feedback';
import { issuesToErrors, type Form, type FormErrors } from '../../forms';

/** "Are you sure?" before a change that cannot be undone; the error, if any, stays in the dialog. */
export function ConfirmModal({
  opened,
  onClose,
  title,
  children,
  confirmLabel,
  errorTitle,
  color,
  onConfirm,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  errorTitle: string;
  color?: string;
  onConfirm: () => Promise<void>;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <AppModal
      opened={opened}
      onClose={() => {
        setError(null);
        onClose();
      }}
      title={title}
      size="md"
    >
      <Stack gap="md">
        {children}
        {error && <ErrorAlert error={error} title={errorTitle} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={busy}>
            Annuler
          </Button>
          <Button color={color} loading={busy} onClick={() => void confirm()}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}

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
