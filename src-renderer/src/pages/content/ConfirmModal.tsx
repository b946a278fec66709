import { Text } from '@mantine/core';
import type { ComponentProps } from 'react';
import { ConfirmModal as SharedConfirmModal } from '../../components/ConfirmModal';

/** "Are you sure?" before a deletion of content: the shared dialog, worded for deletions. */
export function ConfirmModal({ children, ...props }: Omit<ComponentProps<typeof SharedConfirmModal>, 'errorTitle' | 'color'>) {
  return (
    <SharedConfirmModal {...props} errorTitle="Suppression impossible" color="red">
      <Text>{children}</Text>
    </SharedConfirmModal>
  );
}
