/** Onglet « Encadrement »: children per animator, per group and session length, with the legal ratios as defaults. */
import { Alert, Anchor, Badge, Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { staffingInputSchema } from '../../../../shared/schemas/services';
import { toApiError, type ApiError } from '../../api';
import { ErrorAlert } from '../../components/Feedback';
import { Notice } from '../../components/Notice';
import { inputToInteger, zodErrors } from '../../forms';
import { servicesApi, type StaffingDto, type StaffingRuleBody } from '../../servicesApi';
import type { ServiceTabProps } from './ServicePage';

type Ratio = { underSix: number; sixPlus: number };

const keyOf = (groupId: number | null, longSession: boolean) => `${groupId ?? 'service'}|${longSession ? 'long' : 'court'}`;

interface Cell {
  underSix: string;
  sixPlus: string;
}

function cellsOf(staffing: StaffingDto): Record<string, Cell> {
  const cells: Record<string, Cell> = {};
  for (const row of staffing.rows) {
    for (const s of row.sessions) {
      cells[keyOf(row.groupId, s.longSession)] = { underSix: s.rule ? String(s.rule.underSix) : '', sixPlus: s.rule ? String(s.rule.sixPlus) : '' };
    }
  }
  return cells;
}

const ratioText = (r: Ratio) => `1 pour ${r.underSix} (moins de 6 ans) · 1 pour ${r.sixPlus} (6 ans et plus)`;

function legalExplanation(staffing: StaffingDto): string {
  if (staffing.ratioRegime === 'extrascolaire') {
    return 'Accueil extrascolaire (vacances, article R227-15 du Code de l’action sociale et des familles) : 1 animateur pour 8 enfants de moins de 6 ans, 1 pour 12 à partir de 6 ans.';
  }
  return staffing.pedt
    ? 'Accueil périscolaire avec PEDT (article R227-16) : séances de 5 heures ou moins 1 pour 14 et 1 pour 18 ; séances plus longues 1 pour 10 et 1 pour 14.'
    : 'Accueil périscolaire (article R227-16) : séances de 5 heures ou moins 1 animateur pour 10 enfants de moins de 6 ans et 1 pour 14 à partir de 6 ans ; séances plus longues 1 pour 8 et 1 pour 12. Un PEDT assouplit ces taux.';
}

export function StaffingTab({ detail, reload }: ServiceTabProps) {
  const staffing = detail.staffing;
  const serviceId = detail.service.id;
  const [cells, setCells] = useState<Record<string, Cell>>(() => cellsOf(staffing));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  if (staffing.ratioRegime === 'none') {
    return (
      <Stack gap="md">
        <Text>
          Ce service n’est soumis à aucun taux d’encadrement (c’est le cas de la restauration scolaire). Pour en appliquer un, choisissez son
          régime — périscolaire ou extrascolaire — dans l’onglet{' '}
          <Anchor component={Link} to={`/services/${serviceId}`}>
            Règles
          </Anchor>
          .
        </Text>
      </Stack>
    );
  }

  const periscolaire = staffing.ratioRegime === 'periscolaire';

  function setCell(key: string, field: keyof Cell, value: string) {
    setCells((current) => ({ ...current, [key]: { ...(current[key] ?? { underSix: '', sixPlus: '' }), [field]: value } }));
    setErrors((current) => Object.fromEntries(Object.entries(current).filter(([k]) => k !== key)));
    setNotice(null);
  }

  function rulesOf(): { rules: StaffingRuleBody[]; errors: Record<string, string> } {
    const rules: StaffingRuleBody[] = [];
    const found: Record<string, string> = {};
    for (const row of staffing.rows) {
      for (const s of row.sessions) {
        const key = keyOf(row.groupId, s.longSession);
        const cell = cells[key] ?? { underSix: '', sixPlus: '' };
        if (cell.underSix.trim() === '' && cell.sixPlus.trim() === '') continue;
        if (cell.underSix.trim() === '' || cell.sixPlus.trim() === '') {
          found[key] = 'Indiquez les deux taux, ou aucun pour suivre la valeur par défaut.';
          continue;
        }
        const rule = {
          groupId: row.groupId,
          longSession: s.longSession,
          underSixPerAnimator: inputToInteger(cell.underSix) as number,
          sixPlusPerAnimator: inputToInteger(cell.sixPlus) as number,
        };
        const message = Object.values(zodErrors(staffingInputSchema, { rules: [rule] }))[0];
        if (message) found[key] = message;
        else rules.push(rule);
      }
    }
    return { rules, errors: found };
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    const { rules, errors: found } = rulesOf();
    setErrors(found);
    setNotice(null);
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    setError(null);
    try {
      const next = await servicesApi.saveStaffing(serviceId, rules);
      setCells(cellsOf(next));
      setNotice('L’encadrement est enregistré.');
      reload();
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-label="Encadrement du service">
      <Stack gap="md">
        <Text maw={820}>{legalExplanation(staffing)}</Text>
        <Text size="sm" c="dimmed" maw={820}>
          Un champ vide suit la valeur par défaut : celle de « Tout le service » pour un groupe, la valeur légale sinon. Vous pouvez être plus
          exigeant que la loi (moins d’enfants par animateur) ; un taux moins exigeant est signalé.
        </Text>
        <Table.ScrollContainer minWidth={760}>
          <Table withTableBorder aria-label="Taux d’encadrement">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Groupe</Table.Th>
                {periscolaire && <Table.Th>Séance</Table.Th>}
                <Table.Th>Moins de 6 ans : 1 animateur pour</Table.Th>
                <Table.Th>6 ans et plus : 1 animateur pour</Table.Th>
                <Table.Th>Taux appliqué</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {staffing.rows.flatMap((row) =>
                row.sessions.map((s) => {
                  const key = keyOf(row.groupId, s.longSession);
                  const cell = cells[key] ?? { underSix: '', sixPlus: '' };
                  const session = s.longSession ? 'plus de 5 h' : periscolaire ? '5 h ou moins' : '';
                  const label = `${row.name}${session ? `, séance de ${session}` : ''}`;
                  return (
                    <Table.Tr key={key}>
                      <Table.Td fw={row.groupId === null ? 600 : undefined}>{row.name}</Table.Td>
                      {periscolaire && <Table.Td>{session}</Table.Td>}
                      <Table.Td>
                        <TextInput
                          aria-label={`Moins de 6 ans, ${label}`}
                          placeholder={String(s.source === 'group' ? s.legal.underSix : s.effective.underSix)}
                          inputMode="numeric"
                          w={110}
                          value={cell.underSix}
                          onChange={(event) => setCell(key, 'underSix', event.currentTarget.value)}
                          error={errors[key]}
                        />
                      </Table.Td>
                      <Table.Td>
                        <TextInput
                          aria-label={`6 ans et plus, ${label}`}
                          placeholder={String(s.source === 'group' ? s.legal.sixPlus : s.effective.sixPlus)}
                          inputMode="numeric"
                          w={110}
                          value={cell.sixPlus}
                          onChange={(event) => setCell(key, 'sixPlus', event.currentTarget.value)}
                        />
                      </Table.Td>
                      <Table.Td>
                        <Stack gap={2}>
                          <Text size="sm">{ratioText(s.effective)}</Text>
                          <Text size="xs" c="dimmed">
                            {s.source === 'legal' ? 'Valeur légale' : s.source === 'service' ? 'Règle de tout le service' : 'Règle du groupe'} · loi :{' '}
                            1/{s.legal.underSix} et 1/{s.legal.sixPlus}
                          </Text>
                          {s.exceedsLegal && (
                            <Badge color="red" variant="dot" tt="none">
                              Moins exigeant que la loi
                            </Badge>
                          )}
                        </Stack>
                      </Table.Td>
                    </Table.Tr>
                  );
                }),
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {staffing.rows.some((r) => r.sessions.some((s) => s.exceedsLegal)) && (
          <Alert color="red" variant="light" title="Taux moins exigeant que la loi" styles={{ title: { color: 'var(--mantine-color-red-9)' } }}>
            Un animateur ne peut pas encadrer plus d’enfants que la réglementation ne le permet : vérifiez les taux signalés.
          </Alert>
        )}
        {error && <ErrorAlert error={error} title="Enregistrement impossible" />}
        {notice && <Notice message={notice} onClose={() => setNotice(null)} />}
        <Group justify="flex-end">
          <Button type="submit" loading={saving}>
            Enregistrer l’encadrement
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
