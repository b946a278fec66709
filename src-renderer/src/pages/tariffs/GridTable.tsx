import { Button, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import type { FormErrors } from '../../forms';
import type { TariffBracketDto, TariffUnitDto } from '../../tariffsApi';
import { bracketKey, priceKey, type BracketRow } from './gridForm';
import { formatEuros, qfRange, unitLabel } from './format';

const rowName = (row: BracketRow, index: number): string =>
  row.label.trim() || (row.outsideCommune ? 'Extérieur' : `tranche ${index + 1}`);

/** A grid in force or past: the same table, read-only, prices as "4,15 €". */
export function GridReadTable({ brackets, units, caption }: { brackets: TariffBracketDto[]; units: TariffUnitDto[]; caption: string }) {
  return (
    <Table.ScrollContainer minWidth={360 + units.length * 140}>
      <Table striped withTableBorder withColumnBorders aria-label={caption}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Tranche</Table.Th>
            <Table.Th scope="col">Quotient familial</Table.Th>
            {units.map((unit) => (
              <Table.Th key={unit.id} scope="col" ta="right">
                {unitLabel(unit)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {brackets.map((b) => (
            <Table.Tr key={b.id}>
              <Table.Th scope="row" fw={500}>
                {b.label}
              </Table.Th>
              <Table.Td>{qfRange(b)}</Table.Td>
              {units.map((unit) => {
                const cents = b.prices[String(unit.id)];
                return (
                  <Table.Td key={unit.id} ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {cents === undefined ? <Text span c="dimmed">—</Text> : formatEuros(cents)}
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * The editor: one row per bracket (label, QF min, QF max; the Extérieur row has no QF), one column
 * per unit of the service, prices typed "4,15". Each error is shown under its own cell.
 */
export function GridEditTable({
  rows,
  units,
  errors,
  disabled,
  onChangeRow,
  onRemoveRow,
}: {
  rows: BracketRow[];
  units: TariffUnitDto[];
  errors: FormErrors;
  disabled: boolean;
  onChangeRow: (index: number, row: BracketRow, changedKey: string) => void;
  onRemoveRow: (index: number) => void;
}) {
  return (
    <Table.ScrollContainer minWidth={560 + units.length * 130}>
      <Table withTableBorder withColumnBorders verticalSpacing="xs" aria-label="Tranches et tarifs de la grille">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Tranche</Table.Th>
            <Table.Th scope="col">QF min</Table.Th>
            <Table.Th scope="col">QF max</Table.Th>
            {units.map((unit) => (
              <Table.Th key={unit.id} scope="col">
                {unitLabel(unit)} (€)
              </Table.Th>
            ))}
            <Table.Th scope="col">
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, index) => {
            const name = rowName(row, index);
            const set = (patch: Partial<BracketRow>, key: string) => onChangeRow(index, { ...row, ...patch }, key);
            return (
              <Table.Tr key={row.key} data-testid={`bracket-${index}`} style={{ verticalAlign: 'top' }}>
                <Table.Td miw={180}>
                  <TextInput
                    aria-label={`Nom de la tranche ${index + 1}`}
                    value={row.label}
                    onChange={(e) => set({ label: e.currentTarget.value }, bracketKey(index, 'label'))}
                    error={errors[bracketKey(index, 'label')] ?? errors[bracketKey(index, 'outsideCommune')]}
                    disabled={disabled}
                  />
                </Table.Td>
                {row.outsideCommune ? (
                  <Table.Td colSpan={2}>
                    <Text size="sm" pt={6}>
                      Familles hors commune, quel que soit leur QF
                    </Text>
                  </Table.Td>
                ) : (
                  <>
                    <Table.Td miw={100}>
                      <TextInput
                        aria-label={`QF min — ${name}`}
                        inputMode="numeric"
                        value={row.qfMin}
                        onChange={(e) => set({ qfMin: e.currentTarget.value }, bracketKey(index, 'qfMin'))}
                        error={errors[bracketKey(index, 'qfMin')]}
                        disabled={disabled}
                      />
                    </Table.Td>
                    <Table.Td miw={100}>
                      <TextInput
                        aria-label={`QF max — ${name}`}
                        inputMode="numeric"
                        placeholder="et plus"
                        value={row.qfMax}
                        onChange={(e) => set({ qfMax: e.currentTarget.value }, bracketKey(index, 'qfMax'))}
                        error={errors[bracketKey(index, 'qfMax')]}
                        disabled={disabled}
                      />
                    </Table.Td>
                  </>
                )}
                {units.map((unit) => {
                  const key = priceKey(index, unit.id);
                  return (
                    <Table.Td key={unit.id} miw={110}>
                      <TextInput
                        aria-label={`${unit.name} — ${name}`}
                        inputMode="decimal"
                        placeholder="0,00"
                        value={row.prices[String(unit.id)] ?? ''}
                        onChange={(e) => set({ prices: { ...row.prices, [String(unit.id)]: e.currentTarget.value } }, key)}
                        error={errors[key]}
                        disabled={disabled}
                        styles={{ input: { textAlign: 'right' } }}
                      />
                    </Table.Td>
                  );
                })}
                <Table.Td>
                  <Button variant="default" size="xs" onClick={() => onRemoveRow(index)} disabled={disabled} aria-label={`Supprimer la tranche « ${name} »`}>
                    Supprimer
                  </Button>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
