import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useState, type ComponentProps, type FormEvent, type ReactNode } from 'react';
import { toApiError, type ApiError } from '../../api';
import { AppModal } from '../../components/AppModal';
import { ConfirmModal as SharedConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../components/Feedback';
import { REASON_MAX_LENGTH, reasonSchema } from '../../familySchemas';
import { issuesToErrors, useForm, zodErrors } from '../../forms';

/** A refusal: the reason is required (the family reads it in the e-mail). */
export function ReasonModal({
  opened,
  onClose,
  title,
  intro,
  label,
  placeholder,
  confirmLabel,
  onConfirm,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  intro?: ReactNode;
  label: string;
  placeholder?: string;
  confirmLabel: string;
  onConfirm: (reason: string) => Promise<void>;
}) {
  return (
    <AppModal opened={opened} onClose={onClose} title={title}>
      {/* Mounted only while open: each opening starts with an empty reason. */}
      {opened && (
        <ReasonForm
          intro={intro}
          label={label}
          placeholder={placeholder}
          confirmLabel={confirmLabel}
          onCancel={onClose}
          onConfirm={onConfirm}
        />
      )}
    </AppModal>
  );
}

function ReasonForm({
  intro,
  label,
  placeholder,
  confirmLabel,
  onCancel,
  onConfirm,
}: {
  intro?: ReactNode;
  label: string;
  placeholder?: string;
  confirmLabel: string;
  onCancel: () => void;
  onConfirm: (reason: string) => Promise<void>;
}) {
  const form = useForm({
    initialValues: { reason: '' },
    validate: (values) => zodErrors(reasonSchema, { reason: values.reason }),
  });
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving || !form.validate()) return;
    setSaving(true);
    setError(null);
    try {
      await onConfirm(form.values.reason.trim());
    } catch (caught) {
      const apiError = toApiError(caught);
      setError(apiError);
      form.setErrors(issuesToErrors(apiError.issues));
      setSaving(false);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="md">
        {intro && <Text size="sm">{intro}</Text>}
        <Textarea
          label={label}
          placeholder={placeholder}
          required
          autosize
          minRows={3}
          maxLength={REASON_MAX_LENGTH}
          data-autofocus
          {...form.getInputProps('reason')}
        />
        {error && <ErrorAlert error={error} title="Action impossible" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} disabled={saving}>
            Annuler
          </Button>
          <Button type="submit" color="red.9" loading={saving}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** "Are you sure?" before an action that e-mails the family: the shared dialog, focus on the decision. */
export function ConfirmModal({
  confirmColor,
  ...props
}: Omit<ComponentProps<typeof SharedConfirmModal>, 'errorTitle' | 'color' | 'focusConfirm'> & { confirmColor?: string }) {
  return <SharedConfirmModal {...props} {...(confirmColor ? { color: confirmColor } : {})} errorTitle="Action impossible" focusConfirm />;
}
