import { Button, Group, Stack } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { toApiError, type ApiError } from '../api';
import { AppModal } from './AppModal';
import { ErrorAlert } from './Feedback';

/** "Are you sure?" before a change that cannot be undone; the error, if any, stays in the dialog. */
export function ConfirmModal({
  opened,
  onClose,
  title,
  children,
  confirmLabel,
  errorTitle,
  color,
  focusConfirm = false,
  onConfirm,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  errorTitle: string;
  color?: string;
  /** Put the focus on the confirming button (a decision the user came to make). */
  focusConfirm?: boolean;
  onConfirm: () => Promise<void>;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function confirm() {
    if (busy) return;
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
          <Button color={color} loading={busy} onClick={() => void confirm()} data-autofocus={focusConfirm || undefined}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
