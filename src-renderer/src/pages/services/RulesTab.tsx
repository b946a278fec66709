/** Onglet « Règles »: the service's identity and its booking rules, with the guide's values explained. */
import { Button, Fieldset, Group, NativeSelect, Paper, SimpleGrid, Stack, Switch, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import {
  APPROVAL_MODES,
  LATE_BOOKING_POLICIES,
  LATE_CANCELLATION_POLICIES,
  NO_PLACE_POLICIES,
  RATIO_REGIMES,
  SERVICE_KINDS,
  serviceUpdateSchema,
  WAITLIST_PROMOTIONS,
} from '../../../../shared/schemas/services';
import { defaultRules, type ServiceRules } from '../../../../shared/services/rules';
import { centsToInput, parseEuros } from '../../../../shared/tariffs/money';
import { toApiError, type ApiError } from '../../api';
import { ErrorAlert } from '../../components/Feedback';
import { Notice } from '../../components/Notice';
import { inputToInteger, integerToInput, issuesToErrors, textOrNull, useForm, zodErrors, type FormErrors } from '../../forms';
import { servicesApi, type ServiceBody, type ServiceDto } from '../../servicesApi';
import {
  APPROVAL_LABELS,
  KIND_LABELS,
  LATE_BOOKING_LABELS,
  LATE_CANCELLATION_LABELS,
  NO_PLACE_LABELS,
  REGIME_LABELS,
  rulesSentences,
  WAITLIST_LABELS,
} from './format';
import type { ServiceTabProps } from './ServicePage';

interface RulesValues {
  name: string;
  code: string;
  kind: string;
  description: string;
  contactEmail: string;
  contactPhone: string;
  contactUrl: string;
  active: boolean;
  approvalMode: string;
  deadlineDays: string;
  lateBookingPolicy: string;
  lateBookingSurcharge: string;
  lateCancellationPolicy: string;
  bookingsFinal: boolean;
  justifiedAbsenceBilled: boolean;
  unbookedPresenceSurcharge: string;
  noPlacePolicy: string;
  waitlistPromotion: string;
  maxPlaces: string;
  ratioRegime: string;
  pedt: boolean;
  requiresEnrolment: boolean;
}

function rulesValues(rules: ServiceRules): Omit<RulesValues, 'name' | 'code' | 'kind' | 'description' | 'contactEmail' | 'contactPhone' | 'contactUrl' | 'active'> {
  return {
    approvalMode: rules.approvalMode,
    deadlineDays: String(rules.deadlineDays),
    lateBookingPolicy: rules.lateBookingPolicy,
    lateBookingSurcharge: centsToInput(rules.lateBookingSurchargeCents),
    lateCancellationPolicy: rules.lateCancellationPolicy,
    bookingsFinal: rules.bookingsFinal,
    justifiedAbsenceBilled: rules.justifiedAbsenceBilled,
    unbookedPresenceSurcharge: centsToInput(rules.unbookedPresenceSurchargeCents),
    noPlacePolicy: rules.noPlacePolicy,
    waitlistPromotion: rules.waitlistPromotion,
    maxPlaces: integerToInput(rules.maxPlaces),
    ratioRegime: rules.ratioRegime,
    pedt: rules.pedt,
    requiresEnrolment: rules.requiresEnrolment,
  };
}

function valuesOf(service: ServiceDto): RulesValues {
  return {
    name: service.name,
    code: service.code,
    kind: service.kind,
    description: service.description ?? '',
    contactEmail: service.contactEmail ?? '',
    contactPhone: service.contactPhone ?? '',
    contactUrl: service.contactUrl ?? '',
    active: service.active,
    ...rulesValues(service),
  };
}

const EUROS_FIELDS = { lateBookingSurcharge: 'lateBookingSurchargeCents', unbookedPresenceSurcharge: 'unbookedPresenceSurchargeCents' } as const;

/** The body the API expects, and the sentences about euros that could not be read. */
function toBody(values: RulesValues): { body: Record<string, unknown>; errors: FormErrors } {
  const errors: FormErrors = {};
  const cents = (key: keyof typeof EUROS_FIELDS): number | string => {
    const parsed = parseEuros(values[key]);
    if (parsed.ok) return parsed.cents;
    errors[key] = parsed.message;
    return values[key];
  };
  const body = {
    name: values.name,
    code: values.code,
    kind: values.kind,
    description: textOrNull(values.description),
    contactEmail: textOrNull(values.contactEmail),
    contactPhone: textOrNull(values.contactPhone),
    contactUrl: textOrNull(values.contactUrl),
    active: values.active,
    approvalMode: values.approvalMode,
    deadlineDays: inputToInteger(values.deadlineDays) ?? '',
    lateBookingPolicy: values.lateBookingPolicy,
    lateBookingSurchargeCents: cents('lateBookingSurcharge'),
    lateCancellationPolicy: values.lateCancellationPolicy,
    bookingsFinal: values.bookingsFinal,
    justifiedAbsenceBilled: values.justifiedAbsenceBilled,
    unbookedPresenceSurchargeCents: cents('unbookedPresenceSurcharge'),
    noPlacePolicy: values.noPlacePolicy,
    waitlistPromotion: values.waitlistPromotion,
    maxPlaces: inputToInteger(values.maxPlaces),
    ratioRegime: values.ratioRegime,
    pedt: values.pedt,
    requiresEnrolment: values.requiresEnrolment,
  };
  return { body, errors };
}

/** Errors on the API's keys (…Cents) moved to the form's euro fields. */
function formErrors(errors: FormErrors): FormErrors {
  const byKey = new Map<string, string>(Object.entries(EUROS_FIELDS).map(([field, key]) => [key, field]));
  const result: FormErrors = {};
  for (const [key, message] of Object.entries(errors)) {
    const field = byKey.get(key) ?? key;
    result[field] ??= message;
  }
  return result;
}

function validateValues(values: RulesValues): FormErrors {
  const { body, errors } = toBody(values);
  return { ...formErrors(zodErrors(serviceUpdateSchema, body)), ...errors };
}

const options = <T extends string>(values: readonly T[], labels: Record<T, string>) => values.map((value) => ({ value, label: labels[value] }));

const kindOf = (value: string): ServiceDto['kind'] =>
  (SERVICE_KINDS as readonly string[]).includes(value) ? (value as ServiceDto['kind']) : 'autre';

/** The form's rules as the pure rules see them, for the plain-French summary (unreadable amounts count as 0). */
function previewRules(values: RulesValues, fallback: ServiceRules): ServiceRules {
  const euros = (text: string) => {
    const parsed = parseEuros(text);
    return parsed.ok ? parsed.cents : 0;
  };
  const deadline = inputToInteger(values.deadlineDays);
  return {
    ...fallback,
    approvalMode: values.approvalMode as ServiceRules['approvalMode'],
    deadlineDays: typeof deadline === 'number' && deadline >= 0 ? deadline : fallback.deadlineDays,
    lateBookingPolicy: values.lateBookingPolicy as ServiceRules['lateBookingPolicy'],
    lateBookingSurchargeCents: euros(values.lateBookingSurcharge),
    lateCancellationPolicy: values.lateCancellationPolicy as ServiceRules['lateCancellationPolicy'],
    bookingsFinal: values.bookingsFinal,
    unbookedPresenceSurchargeCents: euros(values.unbookedPresenceSurcharge),
  };
}

export function RulesTab({ detail, setDetail }: ServiceTabProps) {
  const form = useForm({ initialValues: valuesOf(detail.service), validate: validateValues });
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const input = form.getInputProps;
  const checkbox = form.getCheckboxProps;
  const guide = defaultRules(kindOf(form.values.kind));
  const guideValues = rulesValues(guide);
  const sameAsGuide = (Object.keys(guideValues) as (keyof typeof guideValues)[]).every((key) => guideValues[key] === form.values[key]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    setSaved(null);
    if (!form.validate()) {
      setError(null);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const next = await servicesApi.update(detail.service.id, toBody(form.values).body as ServiceBody);
      setDetail(next);
      form.setValues(valuesOf(next.service));
      setSaved('Les règles du service sont enregistrées.');
    } catch (caught) {
      const apiError = toApiError(caught);
      setError(apiError);
      form.setErrors(formErrors(issuesToErrors(apiError.issues)));
    } finally {
      setSaving(false);
    }
  }

  function applyGuide() {
    form.setValues({ ...form.values, ...rulesValues(guide) });
    setSaved(null);
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-label="Règles du service">
      <Stack gap="md">
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="rules-summary-title">
          <Stack gap="xs">
            <Title order={2} size="h4" id="rules-summary-title">
              Ce que disent ces règles
            </Title>
            <ul style={{ margin: 0 }}>
              {rulesSentences(previewRules(form.values, detail.service)).map((sentence) => (
                <li key={sentence}>
                  <Text size="sm">{sentence}</Text>
                </li>
              ))}
            </ul>
            {sameAsGuide ? (
              <Text size="sm" c="dimmed">
                Ce sont les valeurs du guide pour ce type de service.
              </Text>
            ) : (
              <>
                <Text size="sm" c="dimmed">
                  Valeurs du guide pour ce type de service : {rulesSentences(guide).join(' ')}
                </Text>
                <Group>
                  <Button variant="default" onClick={applyGuide}>
                    Reprendre les valeurs du guide
                  </Button>
                </Group>
              </>
            )}
          </Stack>
        </Paper>

        <Fieldset legend="Le service">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label="Nom du service" required {...input('name')} />
            <TextInput label="Code" required description="Lettres minuscules, chiffres, « - » ou « _ »." {...input('code')} />
            <NativeSelect label="Type de service" data={options(SERVICE_KINDS, KIND_LABELS)} {...input('kind')} />
            <Switch label="Service actif (proposé aux familles)" mt="lg" {...checkbox('active')} />
            <TextInput label="E-mail du service" type="email" {...input('contactEmail')} />
            <TextInput label="Téléphone du service" type="tel" placeholder="02 61 91 00 16" {...input('contactPhone')} />
            <TextInput label="Site internet" placeholder="https://" {...input('contactUrl')} />
          </SimpleGrid>
          <Textarea label="Présentation" autosize minRows={2} mt="sm" {...input('description')} />
        </Fieldset>

        <Fieldset legend="Réservations et annulations">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label="Délai de réservation et d’annulation (jours)"
              description="Le guide : au plus tard 7 jours avant la date souhaitée, pour réserver comme pour annuler."
              inputMode="numeric"
              {...input('deadlineDays')}
            />
            <NativeSelect
              label="Réservation hors délai"
              description="Le guide : refusée, sauf à la cantine où elle est acceptée avec 1 € de majoration par repas."
              data={options(LATE_BOOKING_POLICIES, LATE_BOOKING_LABELS)}
              {...input('lateBookingPolicy')}
            />
            <TextInput
              label="Majoration d’une réservation hors délai (€)"
              description="Le guide : 1,00 € par repas (repas majoré)."
              inputMode="decimal"
              disabled={form.values.lateBookingPolicy !== 'surcharge'}
              {...input('lateBookingSurcharge')}
            />
            <TextInput
              label="Majoration d’une présence sans réservation (€)"
              description="Le guide : l’enfant est pris en charge, 1,00 € de pénalité par repas en plus du tarif."
              inputMode="decimal"
              {...input('unbookedPresenceSurcharge')}
            />
            <NativeSelect
              label="Annulation hors délai"
              description="Le guide : facturée pour le mercredi et la cantine."
              data={options(LATE_CANCELLATION_POLICIES, LATE_CANCELLATION_LABELS)}
              {...input('lateCancellationPolicy')}
            />
            <Stack gap="xs" mt="xs">
              <Switch
                label="Réservations définitives"
                description="Le guide, pour les vacances : toute annulation ou absence est facturée, sauf absence exceptionnelle."
                {...checkbox('bookingsFinal')}
              />
              <Switch
                label="Absence justifiée facturée"
                description="Non pour la cantine (le justificatif donné à l’école vaut pour le restaurant) ; oui pour les vacances."
                {...checkbox('justifiedAbsenceBilled')}
              />
            </Stack>
          </SimpleGrid>
        </Fieldset>

        <Fieldset legend="Traitement des demandes">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <NativeSelect
              label="Validation des demandes"
              description="Le guide : automatique pour la cantine et le périscolaire, par les responsables pour l’ALSH."
              data={options(APPROVAL_MODES, APPROVAL_LABELS)}
              {...input('approvalMode')}
            />
            <NativeSelect
              label="Demande sans place disponible"
              description="Le guide : une demande d’ALSH sans place libre est refusée 7 jours avant, avec le motif."
              data={options(NO_PLACE_POLICIES, NO_PLACE_LABELS)}
              {...input('noPlacePolicy')}
            />
            <NativeSelect
              label="Liste d’attente"
              data={options(WAITLIST_PROMOTIONS, WAITLIST_LABELS)}
              disabled={form.values.noPlacePolicy !== 'waitlist'}
              {...input('waitlistPromotion')}
            />
            <TextInput
              label="Places par jour (tout le service)"
              description="Laissez vide si seules les places des groupes comptent."
              inputMode="numeric"
              {...input('maxPlaces')}
            />
            <Switch
              label="Inscription préalable obligatoire"
              description="Le personnel valide l’inscription de l’enfant avant toute réservation."
              mt="xs"
              {...checkbox('requiresEnrolment')}
            />
          </SimpleGrid>
        </Fieldset>

        <Fieldset legend="Encadrement">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <NativeSelect
              label="Régime d’encadrement"
              description="Il fixe les taux légaux proposés dans l’onglet « Encadrement »."
              data={options(RATIO_REGIMES, REGIME_LABELS)}
              {...input('ratioRegime')}
            />
            <Switch
              label="Projet éducatif territorial (PEDT)"
              description="En périscolaire, un PEDT assouplit les taux légaux."
              mt="xs"
              {...checkbox('pedt')}
            />
          </SimpleGrid>
        </Fieldset>

        {error && <ErrorAlert error={error} title="Enregistrement impossible" />}
        {saved && <Notice message={saved} onClose={() => setSaved(null)} />}
        <Group justify="flex-end">
          <Button type="submit" loading={saving}>
            Enregistrer les règles
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
