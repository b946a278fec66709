import { Anchor, Badge, Table, Text } from '@mantine/core';
import { useRef, type KeyboardEvent, type RefObject } from 'react';
import { Link, useNavigate } from 'react-router';
import { formatDateTime } from '../../format';
import { FAMILY_STATUS_COLORS, familyStatusLabel, formatAge } from '../../familyFormat';
import type { FamilyListItem, FamilyStatus } from '../../types';

export function FamilyStatusBadge({ status }: { status: FamilyStatus }) {
  return (
    <Badge
      color={FAMILY_STATUS_COLORS[status]}
      // As in the outbox: light badges write in shade 6, below 4.5:1 on their tint.
      variant="dot"
      tt="none"
      // Never cut to "En attente de…": the state is the point of the column.
      styles={{ root: { maxWidth: 'none', flexShrink: 0 }, label: { overflow: 'visible' } }}
    >
      {familyStatusLabel(status)}
    </Badge>
  );
}

function childrenLabel(item: FamilyListItem): string {
  if (item.children.length === 0) return '—';
  return item.children.map((child) => `${child.firstName} ${child.lastName}`).join(', ');
}

/**
 * Families as a table. Keyboard: ↓/↑ move from one family's link to the next (the search field
 * hands over with ↓, `searchInput` gets the focus back with ↑ from the first row or Échap);
 * Entrée opens the family.
 */
export function FamilyTable({
  items,
  variant,
  label,
  searchInput,
}: {
  items: FamilyListItem[];
  variant: 'search' | 'queue';
  label: string;
  searchInput?: RefObject<HTMLInputElement | null>;
}) {
  const links = useRef<(HTMLAnchorElement | null)[]>([]);
  const navigate = useNavigate();

  function onKeyDown(event: KeyboardEvent<HTMLAnchorElement>, index: number) {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      links.current[Math.min(index + 1, items.length - 1)]?.focus();
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      if (index === 0) searchInput?.current?.focus();
      else links.current[index - 1]?.focus();
    } else if (event.key === 'Home') {
      event.preventDefault();
      links.current[0]?.focus();
    } else if (event.key === 'End') {
      event.preventDefault();
      links.current[items.length - 1]?.focus();
    } else if (event.key === 'Escape') {
      searchInput?.current?.focus();
    }
  }

  return (
    <Table.ScrollContainer minWidth={760}>
      <Table highlightOnHover striped withTableBorder aria-label={label} data-testid={`families-${variant}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Famille</Table.Th>
            {variant === 'search' && <Table.Th>État</Table.Th>}
            {variant === 'queue' && <Table.Th>Transmis le</Table.Th>}
            {variant === 'queue' && <Table.Th>En attente depuis</Table.Th>}
            <Table.Th>Enfants</Table.Th>
            <Table.Th>Téléphone</Table.Th>
            <Table.Th>E-mail</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item, index) => (
            <Table.Tr
              key={item.id}
              style={{ cursor: 'pointer' }}
              onClick={(event) => {
                // The link handles its own clicks; the rest of the row opens the family too.
                if ((event.target as HTMLElement).closest('a')) return;
                void navigate(`/familles/${item.id}`);
              }}
            >
              <Table.Td>
                <Anchor
                  component={Link}
                  to={`/familles/${item.id}`}
                  fw={600}
                  ref={(element: HTMLAnchorElement | null) => {
                    links.current[index] = element;
                  }}
                  onKeyDown={(event: KeyboardEvent<HTMLAnchorElement>) => onKeyDown(event, index)}
                >
                  {item.displayName}
                </Anchor>
              </Table.Td>
              {variant === 'search' && (
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <FamilyStatusBadge status={item.status} />
                </Table.Td>
              )}
              {variant === 'queue' && (
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{item.submittedAt ? formatDateTime(item.submittedAt) : '—'}</Table.Td>
              )}
              {variant === 'queue' && (
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{item.submittedAt ? formatAge(item.submittedAt) : '—'}</Table.Td>
              )}
              <Table.Td>
                <Text size="sm">{childrenLabel(item)}</Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{item.phone ?? '—'}</Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{item.email ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
