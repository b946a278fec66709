import { Button, Group, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { toApiError, type ApiError } from '../../api';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/Feedback';

/** "Are you sure?" before a deletion; the error, if any, stays in the dialog. */
export function ConfirmModal({
  opened,
  onClose,
  title,
  children,
  confirmLabel,
  onConfirm,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
  confirmLabel: string;
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
        <Text>{children}</Text>
        {error && <ErrorAlert error={error} title="Suppression impossible" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={busy}>
            Annuler
          </Button>
          <Button color="red" onClick={() => void confirm()} loading={busy}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
