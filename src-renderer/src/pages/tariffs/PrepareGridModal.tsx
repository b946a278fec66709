import { Button, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { tariffGridCopySchema } from '../../../../shared/schemas/tariffs';
import { defaultGridName } from '../../../../shared/tariffs/rules';
import { toApiError } from '../../api';
import { AppModal } from '../../components/AppModal';
import { formatDate } from '../../format';
import { dateToInput, inputToDate, issuesToErrors, zodErrors, type FormErrors } from '../../forms';
import { tariffsApi, type TariffGridDto, type TariffServiceDto } from '../../tariffsApi';
import { nextSchoolYearStart } from './gridForm';

/**
 * "Préparer la grille de l'année suivante": a copy of a grid (the latest by default) from a date to
 * come, edited afterwards. The grid in force keeps its prices until that date.
 */
export function PrepareGridModal({
  service,
  today,
  opened,
  onClose,
  onPrepared,
}: {
  service: TariffServiceDto;
  today: string;
  opened: boolean;
  onClose: () => void;
  onPrepared: (grid: TariffGridDto) => void;
}) {
  const latest = service.grids.at(-1) ?? null;
  const initialDate = nextSchoolYearStart(today, latest?.validFrom ?? null);
  const [sourceId, setSourceId] = useState(latest ? String(latest.id) : '');
  const [validFrom, setValidFrom] = useState(dateToInput(initialDate));
  const [name, setName] = useState(defaultGridName(initialDate));
  const [nameEdited, setNameEdited] = useState(false);
  const [errors, setErrors] = useState<FormErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  function changeDate(text: string) {
    setValidFrom(text);
    setErrors((current) => ({ ...current, validFrom: '' }));
    const iso = inputToDate(text);
    // The proposed name follows the date until staff write their own.
    if (!nameEdited && iso && /^\d{4}-\d{2}-\d{2}$/.test(iso)) {
      try {
        setName(defaultGridName(iso));
      } catch {
        // Not a real day yet (typing in progress): keep the previous name.
      }
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    const body = { validFrom: inputToDate(validFrom) ?? '', name: name.trim() };
    const found = zodErrors(tariffGridCopySchema, body);
    if (Object.keys(found).length > 0) {
      setErrors(found);
      return;
    }
    setPending(true);
    try {
      onPrepared(await tariffsApi.copy(Number(sourceId), body));
    } catch (caught) {
      const error = toApiError(caught);
      const byField = issuesToErrors(error.issues);
      setErrors(byField);
      if (!byField.validFrom && !byField.name) setFailure(error.message);
    } finally {
      setPending(false);
    }
  }

  return (
    <AppModal opened={opened} onClose={onClose} title={`Préparer la grille suivante — ${service.name}`}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="md">
          <Text size="sm">
            Les tranches et les tarifs de la grille choisie sont recopiés dans une nouvelle grille, que vous modifiez ensuite. Les
            tarifs en vigueur ne changent pas : la nouvelle grille s’applique seulement à partir de sa date d’effet.
          </Text>
          <NativeSelect
            label="Grille à recopier"
            value={sourceId}
            onChange={(e) => setSourceId(e.currentTarget.value)}
            data={service.grids.map((g) => ({ value: String(g.id), label: `${g.name} (à partir du ${formatDate(g.validFrom)})` }))}
          />
          <TextInput
            label="Date d’effet de la nouvelle grille"
            description="jj/mm/aaaa"
            value={validFrom}
            onChange={(e) => changeDate(e.currentTarget.value)}
            error={errors.validFrom || undefined}
            required
            data-autofocus
          />
          <TextInput
            label="Nom de la nouvelle grille"
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value);
              setNameEdited(true);
              setErrors((current) => ({ ...current, name: '' }));
            }}
            error={errors.name || undefined}
            required
          />
          {failure && (
            <Text c="red.8" size="sm" role="alert">
              {failure}
            </Text>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={pending}>
              Annuler
            </Button>
            <Button type="submit" loading={pending}>
              Préparer la grille
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
