import { Badge, Table, Text } from '@mantine/core';
import { STATUS_LABELS } from '../../../../shared/bookings/rules';
import { formatDate } from '../../format';
import type { RequestLineDto } from '../../staffBookingsApi';

const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
export const formatEuros = (cents: number): string => euros.format(cents / 100);

/** Dark shades: the light badges keep 4.5:1 on their tint. */
export const STATUS_COLORS: Record<keyof typeof STATUS_LABELS, string> = {
  accepted: 'teal.9',
  pending: 'yellow.9',
  waitlisted: 'orange.9',
  refused: 'red.9',
  cancellation_pending: 'grape.9',
  cancelled: 'gray.8',
};

export function StatusBadge({ status }: { status: keyof typeof STATUS_LABELS }) {
  return (
    <Badge color={STATUS_COLORS[status]} variant="outline" tt="none" style={{ whiteSpace: 'nowrap' }}>
      {STATUS_LABELS[status]}
    </Badge>
  );
}

/** The recap of a request (« Suivant ») or of the validated request: each line's outcome and why. */
export function RecapTable({ lines, label }: { lines: RequestLineDto[]; label: string }) {
  return (
    <Table.ScrollContainer minWidth={620}>
      <Table withTableBorder striped fz="sm" aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Date</Table.Th>
            <Table.Th>Enfant</Table.Th>
            <Table.Th>Accueil</Table.Th>
            <Table.Th>Demande</Table.Th>
            <Table.Th>Résultat</Table.Th>
            <Table.Th>Prix</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((line, index) => (
            <Table.Tr key={`${line.action}-${line.bookingId ?? index}-${line.date}-${line.unitId}-${line.childId}`}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(line.date)}</Table.Td>
              <Table.Td>{line.childName}</Table.Td>
              <Table.Td>
                {line.serviceName} — {line.unitName}
              </Table.Td>
              <Table.Td>{line.action === 'book' ? 'Réservation' : 'Annulation'}</Table.Td>
              <Table.Td>
                <StatusBadge status={line.outcome} />
                {line.reason && (
                  <Text size="xs" mt={4}>
                    {line.reason}
                  </Text>
                )}
                {line.action === 'cancel' && (
                  <Text size="xs" mt={4}>
                    {line.stillBilled ? 'La journée reste facturée.' : 'Journée non facturée.'}
                  </Text>
                )}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{line.priceCents === null ? '—' : formatEuros(line.priceCents + line.surchargeCents)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
