import { Alert, Button, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import type { TariffGridInput } from '../../../../shared/schemas/tariffs';
import { toApiError } from '../../api';
import { issuesToErrors, type FormErrors } from '../../forms';
import type { TariffUnitDto } from '../../tariffsApi';
import { GridEditTable } from './GridTable';
import { emptyRow, toBody, type BracketRow, type GridValues } from './gridForm';

function without(errors: FormErrors, key: string): FormErrors {
  if (!(key in errors)) return errors;
  return Object.fromEntries(Object.entries(errors).filter(([field]) => field !== key));
}

/** Every distinct sentence, for the summary under the table (screen readers hear it once). */
const distinct = (errors: FormErrors): string[] => [...new Set(Object.values(errors))];

/**
 * The grid form: name, date of effect, and the bracket × unit table. Checked on this side with the
 * API's schema before sending; the server's refusal lands on the same cells.
 */
export function GridEditor({
  units,
  initial,
  submitLabel,
  onSubmit,
  actions,
}: {
  units: TariffUnitDto[];
  initial: GridValues;
  submitLabel: string;
  onSubmit: (body: TariffGridInput) => Promise<void>;
  actions?: ReactNode;
}) {
  const [values, setValues] = useState<GridValues>(initial);
  const [errors, setErrors] = useState<FormErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const hasOutside = values.brackets.some((b) => b.outsideCommune);

  function changeRow(index: number, row: BracketRow, key: string) {
    setValues((current) => ({ ...current, brackets: current.brackets.map((r, i) => (i === index ? row : r)) }));
    setErrors((current) => without(current, key));
  }

  // Adding or removing a row moves the indices the errors refer to: they are checked again on save.
  function setRows(brackets: BracketRow[]) {
    setValues((current) => ({ ...current, brackets }));
    setErrors({});
    setFailure(null);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    const { body, errors: found } = toBody(values, units);
    if (Object.keys(found).length > 0) {
      setErrors(found);
      setFailure('');
      return;
    }
    setPending(true);
    try {
      await onSubmit(body);
      setErrors({});
    } catch (caught) {
      const error = toApiError(caught);
      setErrors(issuesToErrors(error.issues));
      setFailure(error.message);
    } finally {
      setPending(false);
    }
  }

  // Sentences without a cell of their own (the table as a whole, e.g. "no open-ended bracket").
  const general = [errors.brackets].filter((m): m is string => Boolean(m));
  // After a refused save: the server's sentence (if any) and every distinct problem still shown.
  const summary = failure === null ? [] : [...new Set([failure, ...distinct(errors)].filter((m) => m !== ''))];

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-busy={pending}>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} maw={720}>
          <TextInput
            label="Nom de la grille"
            value={values.name}
            onChange={(e) => {
              const name = e.currentTarget.value;
              setValues((current) => ({ ...current, name }));
              setErrors((current) => without(current, 'name'));
            }}
            error={errors.name}
            required
            disabled={pending}
          />
          <TextInput
            label="Date d’effet"
            description="jj/mm/aaaa — la grille s’applique aux journées à partir de cette date"
            placeholder="01/09/2027"
            value={values.validFrom}
            onChange={(e) => {
              const validFrom = e.currentTarget.value;
              setValues((current) => ({ ...current, validFrom }));
              setErrors((current) => without(current, 'validFrom'));
            }}
            error={errors.validFrom}
            required
            disabled={pending}
          />
        </SimpleGrid>
        <Text size="sm" c="dimmed">
          Tarifs en euros, par exemple 4,15. Les tranches couvrent tous les QF à partir de 0, sans chevauchement ; la plus haute n’a
          pas de QF max. Sans quotient familial valide, une famille paie le tarif de la tranche la plus haute.
        </Text>
        {general.map((message) => (
          <Text key={message} c="red.8" size="sm">
            {message}
          </Text>
        ))}
        <GridEditTable
          rows={values.brackets}
          units={units}
          errors={errors}
          disabled={pending}
          onChangeRow={changeRow}
          onRemoveRow={(index) => setRows(values.brackets.filter((_, i) => i !== index))}
        />
        <Group gap="sm">
          <Button variant="default" onClick={() => setRows(insertCommuneRow(values.brackets))} disabled={pending}>
            Ajouter une tranche
          </Button>
          {!hasOutside && (
            <Button variant="default" onClick={() => setRows([...values.brackets, emptyRow(true)])} disabled={pending}>
              Ajouter le tarif extérieur
            </Button>
          )}
        </Group>
        {summary.length > 0 && (
          <Alert color="red" variant="light" role="alert" title="Grille non enregistrée" styles={{ title: { color: 'var(--mantine-color-red-9)' } }}>
            <ul style={{ margin: 0, paddingLeft: '1.2em' }}>
              {summary.map((message) => (
                <li key={message}>
                  <Text size="sm">{message}</Text>
                </li>
              ))}
            </ul>
          </Alert>
        )}
        <Group gap="sm">
          <Button type="submit" loading={pending}>
            {submitLabel}
          </Button>
          {actions}
        </Group>
      </Stack>
    </form>
  );
}

/** A new commune bracket goes before the Extérieur row, which stays last. */
function insertCommuneRow(rows: BracketRow[]): BracketRow[] {
  const outside = rows.findIndex((r) => r.outsideCommune);
  if (outside < 0) return [...rows, emptyRow(false)];
  return [...rows.slice(0, outside), emptyRow(false), ...rows.slice(outside)];
}
