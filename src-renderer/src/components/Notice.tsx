import { Alert } from '@mantine/core';

/** A confirmation after an action ("Le dossier est validé…"), announced politely to screen readers. */
export function Notice({ message, onClose }: { message: string; onClose?: () => void }) {
  return (
    <Alert
      color="green"
      variant="light"
      role="status"
      withCloseButton={Boolean(onClose)}
      closeButtonLabel="Masquer ce message"
      onClose={onClose}
    >
      {message}
    </Alert>
  );
}
