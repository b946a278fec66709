/** The staff's edit forms of a family file (the parents' "crayon" forms, filled at the desk). */
import { Button, Checkbox, Fieldset, Group, NativeSelect, SimpleGrid, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { toApiError, type ApiError } from '../../api';
import { ErrorAlert } from '../../components/Feedback';
import { DIETS, dietLabel, INVOICE_DELIVERIES, invoiceDeliveryLabel } from '../../familyFormat';
import {
  authorizedPersonSchema,
  childInputSchema,
  guardianInputSchema,
  householdSchema,
  medicalSchema,
  withDateMessages,
} from '../../familySchemas';
import {
  dateToInput,
  inputToDate,
  inputToInteger,
  integerToInput,
  issuesToErrors,
  textOrNull,
  useForm,
  zodErrors,
  type Form,
  type FormErrors,
} from '../../forms';
import type {
  AuthorizedPerson,
  AuthorizedPersonInput,
  Child,
  ChildInput,
  Civility,
  Diet,
  Guardian,
  GuardianInput,
  Household,
  HouseholdInput,
  InvoiceDelivery,
  MedicalInput,
} from '../../types';

// ---- Submitting: the schema first, then the server; its `issues` land on the fields ----------

function useSubmit<V extends object>(form: Form<V>, remap: (errors: FormErrors) => FormErrors = (e) => e) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function run(send: () => Promise<void>): Promise<void> {
    if (saving) return;
    if (!form.validate()) {
      setError(null);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await send();
    } catch (caught) {
      const apiError = toApiError(caught);
      setError(apiError);
      form.setErrors(remap(issuesToErrors(apiError.issues)));
    } finally {
      setSaving(false);
    }
  }

  return { saving, error, run };
}

function FormButtons({ saving, submitLabel, onCancel }: { saving: boolean; submitLabel: string; onCancel?: () => void }) {
  return (
    <Group justify="flex-end">
      {onCancel && (
        <Button variant="default" onClick={onCancel} disabled={saving}>
          Annuler
        </Button>
      )}
      <Button type="submit" loading={saving}>
        {submitLabel}
      </Button>
    </Group>
  );
}

function FormError({ error }: { error: ApiError | null }) {
  return error ? <ErrorAlert error={error} title="Enregistrement impossible" /> : null;
}

const DATE_PLACEHOLDER = 'jj/mm/aaaa';

// ---- Guardian (responsable, conjoint) ---------------------------------------------------------

export interface GuardianValues {
  civility: string;
  lastName: string;
  firstName: string;
  birthDate: string;
  email: string;
  phoneMobile: string;
  phoneHome: string;
  addressLine1: string;
  addressLine2: string;
  postalCode: string;
  city: string;
  employer: string;
  profession: string;
  phoneWork: string;
}

export function guardianValues(guardian: Guardian | null): GuardianValues {
  return {
    civility: guardian?.civility ?? '',
    lastName: guardian?.lastName ?? '',
    firstName: guardian?.firstName ?? '',
    birthDate: dateToInput(guardian?.birthDate ?? null),
    email: guardian?.email ?? '',
    phoneMobile: guardian?.phoneMobile ?? '',
    phoneHome: guardian?.phoneHome ?? '',
    addressLine1: guardian?.addressLine1 ?? '',
    addressLine2: guardian?.addressLine2 ?? '',
    postalCode: guardian?.postalCode ?? '',
    city: guardian?.city ?? '',
    employer: guardian?.employer ?? '',
    profession: guardian?.profession ?? '',
    phoneWork: guardian?.phoneWork ?? '',
  };
}

export function guardianInput(values: GuardianValues): GuardianInput {
  return {
    civility: values.civility === 'M.' || values.civility === 'Mme' ? (values.civility as Civility) : null,
    lastName: values.lastName.trim(),
    firstName: values.firstName.trim(),
    birthDate: inputToDate(values.birthDate),
    email: textOrNull(values.email),
    phoneMobile: textOrNull(values.phoneMobile),
    phoneHome: textOrNull(values.phoneHome),
    addressLine1: textOrNull(values.addressLine1),
    addressLine2: textOrNull(values.addressLine2),
    postalCode: textOrNull(values.postalCode),
    city: textOrNull(values.city),
    employer: textOrNull(values.employer),
    profession: textOrNull(values.profession),
    phoneWork: textOrNull(values.phoneWork),
  };
}

/** The guardian form's errors, with the sentences about typed dates. */
export function guardianErrors(errors: FormErrors, values: GuardianValues): FormErrors {
  return withDateMessages(errors, values, [{ key: 'birthDate' }]);
}

/** The guide's three blocks: informations personnelles, coordonnées, informations professionnelles. */
export function GuardianFields({
  form,
  emailLabel = 'Adresse e-mail',
  emailDescription,
}: {
  form: Form<GuardianValues>;
  emailLabel?: string;
  emailDescription?: string;
}) {
  const input = form.getInputProps;
  return (
    <Stack gap="md">
      <Fieldset legend="Informations personnelles">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <NativeSelect
            label="Civilité"
            data={[
              { value: '', label: 'Non précisée' },
              { value: 'Mme', label: 'Madame' },
              { value: 'M.', label: 'Monsieur' },
            ]}
            {...input('civility')}
          />
          <TextInput label="Date de naissance" placeholder={DATE_PLACEHOLDER} inputMode="numeric" {...input('birthDate')} />
          <TextInput label="Nom" required autoComplete="off" {...input('lastName')} />
          <TextInput label="Prénom" required autoComplete="off" {...input('firstName')} />
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend="Coordonnées">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label="Adresse" {...input('addressLine1')} />
          <TextInput label="Complément d’adresse" {...input('addressLine2')} />
          <TextInput label="Code postal" inputMode="numeric" maxLength={5} {...input('postalCode')} />
          <TextInput label="Ville" {...input('city')} />
          <TextInput label="Téléphone portable" type="tel" placeholder="06 12 34 56 78" {...input('phoneMobile')} />
          <TextInput label="Téléphone fixe" type="tel" placeholder="02 99 12 34 56" {...input('phoneHome')} />
          <TextInput
            label={emailLabel}
            description={emailDescription}
            type="email"
            inputMode="email"
            autoComplete="off"
            {...input('email')}
          />
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend="Informations professionnelles">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label="Employeur" {...input('employer')} />
          <TextInput label="Profession" {...input('profession')} />
          <TextInput label="Téléphone professionnel" type="tel" {...input('phoneWork')} />
        </SimpleGrid>
      </Fieldset>
    </Stack>
  );
}

export function GuardianForm({
  guardian,
  submitLabel,
  onCancel,
  onSubmit,
}: {
  guardian: Guardian | null;
  submitLabel: string;
  onCancel?: () => void;
  onSubmit: (input: GuardianInput) => Promise<void>;
}) {
  const form = useForm<GuardianValues>({
    initialValues: guardianValues(guardian),
    validate: (values) => guardianErrors(zodErrors(guardianInputSchema(), guardianInput(values)), values),
  });
  const { saving, error, run } = useSubmit(form, (errors) => guardianErrors(errors, form.values));
  return (
    <form
      noValidate
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        void run(() => onSubmit(guardianInput(form.values)));
      }}
    >
      <Stack gap="md">
        <GuardianFields form={form} />
        <FormError error={error} />
        <FormButtons saving={saving} submitLabel={submitLabel} onCancel={onCancel} />
      </Stack>
    </form>
  );
}

// ---- Household ("Mon foyer" → informations complémentaires) --------------------------------

interface HouseholdValues {
  qf: string;
  qfValidUntil: string;
  cafNumber: string;
  allocataireName: string;
  dependantsCount: string;
  outsideCommune: boolean;
  invoiceDelivery: string;
}

function householdErrors(errors: FormErrors, values: HouseholdValues): FormErrors {
  return withDateMessages(errors, values, [{ key: 'qfValidUntil' }]);
}

function householdInput(values: HouseholdValues): HouseholdInput {
  return {
    qf: inputToInteger(values.qf) as number | null,
    qfValidUntil: inputToDate(values.qfValidUntil),
    cafNumber: textOrNull(values.cafNumber),
    allocataireName: textOrNull(values.allocataireName),
    dependantsCount: inputToInteger(values.dependantsCount) as number | null,
    outsideCommune: values.outsideCommune,
    invoiceDelivery: values.invoiceDelivery as InvoiceDelivery,
  };
}

export function HouseholdForm({
  household,
  onCancel,
  onSubmit,
}: {
  household: Household;
  onCancel?: () => void;
  onSubmit: (input: HouseholdInput) => Promise<void>;
}) {
  const form = useForm<HouseholdValues>({
    initialValues: {
      qf: integerToInput(household.qf),
      qfValidUntil: dateToInput(household.qfValidUntil),
      cafNumber: household.cafNumber ?? '',
      allocataireName: household.allocataireName ?? '',
      dependantsCount: integerToInput(household.dependantsCount),
      outsideCommune: household.outsideCommune,
      invoiceDelivery: household.invoiceDelivery,
    },
    // A QF typed as text ("12a") must reach the schema as it is, so that it says what is wrong.
    validate: (values) => householdErrors(zodErrors(householdSchema, householdInput(values)), values),
  });
  const { saving, error, run } = useSubmit(form, (errors) => householdErrors(errors, form.values));
  return (
    <form
      noValidate
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        void run(() => onSubmit(householdInput(form.values)));
      }}
    >
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label="Quotient familial (QF)" inputMode="numeric" {...form.getInputProps('qf')} />
          <TextInput
            label="QF valable jusqu’au"
            placeholder={DATE_PLACEHOLDER}
            inputMode="numeric"
            {...form.getInputProps('qfValidUntil')}
          />
          <TextInput label="N° allocataire CAF" inputMode="numeric" {...form.getInputProps('cafNumber')} />
          <TextInput label="Nom de l’allocataire" {...form.getInputProps('allocataireName')} />
          <TextInput label="Nombre de personnes à charge" inputMode="numeric" {...form.getInputProps('dependantsCount')} />
          <NativeSelect
            label="Envoi des factures"
            data={INVOICE_DELIVERIES.map((value) => ({ value, label: invoiceDeliveryLabel(value) }))}
            {...form.getInputProps('invoiceDelivery')}
          />
        </SimpleGrid>
        <Switch
          label="Famille extérieure à la commune"
          description="Les tarifs « extérieurs » s’appliquent."
          {...form.getCheckboxProps('outsideCommune')}
        />
        <FormError error={error} />
        <FormButtons saving={saving} submitLabel="Enregistrer le foyer" onCancel={onCancel} />
      </Stack>
    </form>
  );
}

// ---- Child: identity and informations complémentaires -----------------------------------------

interface ChildValues {
  lastName: string;
  firstName: string;
  birthDate: string;
  sex: string;
  school: string;
  classLevel: string;
  imageRights: boolean;
  mayLeaveAlone: boolean;
  notes: string;
}

function childErrors(errors: FormErrors, values: ChildValues): FormErrors {
  return withDateMessages(errors, values, [{ key: 'birthDate', required: 'Saisissez la date de naissance.' }]);
}

function childInput(values: ChildValues): ChildInput {
  return {
    lastName: values.lastName.trim(),
    firstName: values.firstName.trim(),
    birthDate: inputToDate(values.birthDate) ?? '',
    sex: values.sex === 'F' || values.sex === 'M' ? values.sex : null,
    school: textOrNull(values.school),
    classLevel: textOrNull(values.classLevel),
    imageRights: values.imageRights,
    mayLeaveAlone: values.mayLeaveAlone,
    notes: textOrNull(values.notes),
  };
}

export function ChildForm({
  child,
  defaultLastName,
  submitLabel,
  onCancel,
  onSubmit,
}: {
  child: Child | null;
  defaultLastName?: string;
  submitLabel: string;
  onCancel?: () => void;
  onSubmit: (input: ChildInput) => Promise<void>;
}) {
  const form = useForm<ChildValues>({
    initialValues: {
      lastName: child?.lastName ?? defaultLastName ?? '',
      firstName: child?.firstName ?? '',
      birthDate: dateToInput(child?.birthDate ?? null),
      sex: child?.sex ?? '',
      school: child?.school ?? '',
      classLevel: child?.classLevel ?? '',
      imageRights: child?.imageRights ?? false,
      mayLeaveAlone: child?.mayLeaveAlone ?? false,
      notes: child?.notes ?? '',
    },
    validate: (values) => childErrors(zodErrors(childInputSchema(), childInput(values)), values),
  });
  const { saving, error, run } = useSubmit(form, (errors) => childErrors(errors, form.values));
  return (
    <form
      noValidate
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        void run(() => onSubmit(childInput(form.values)));
      }}
    >
      <Stack gap="md">
        <Fieldset legend="Identité">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label="Nom de l’enfant" required {...form.getInputProps('lastName')} />
            <TextInput label="Prénom de l’enfant" required {...form.getInputProps('firstName')} />
            <TextInput
              label="Date de naissance"
              required
              placeholder={DATE_PLACEHOLDER}
              inputMode="numeric"
              {...form.getInputProps('birthDate')}
            />
            <NativeSelect
              label="Sexe"
              data={[
                { value: '', label: 'Non précisé' },
                { value: 'F', label: 'Fille' },
                { value: 'M', label: 'Garçon' },
              ]}
              {...form.getInputProps('sex')}
            />
            <TextInput label="École" {...form.getInputProps('school')} />
            <TextInput label="Classe" placeholder="Ex. : CE1" {...form.getInputProps('classLevel')} />
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend="Informations complémentaires">
          <Stack gap="sm">
            <Checkbox label="Droit à l’image accordé" {...form.getCheckboxProps('imageRights')} />
            <Checkbox label="Peut rentrer seul" {...form.getCheckboxProps('mayLeaveAlone')} />
            <Textarea label="Remarques" autosize minRows={2} {...form.getInputProps('notes')} />
          </Stack>
        </Fieldset>
        <FormError error={error} />
        <FormButtons saving={saving} submitLabel={submitLabel} onCancel={onCancel} />
      </Stack>
    </form>
  );
}

// ---- Fiche sanitaire --------------------------------------------------------------------------

interface MedicalValues {
  allergies: string;
  hasPai: boolean;
  paiDetails: string;
  diet: string;
  dietDetails: string;
  doctorName: string;
  doctorPhone: string;
  vaccinationsUpToDate: string;
  vaccinationNotes: string;
  otherNotes: string;
}

function medicalInput(values: MedicalValues): MedicalInput {
  return {
    allergies: textOrNull(values.allergies),
    hasPai: values.hasPai,
    paiDetails: values.hasPai ? textOrNull(values.paiDetails) : null,
    diet: values.diet as Diet,
    dietDetails: textOrNull(values.dietDetails),
    doctorName: textOrNull(values.doctorName),
    doctorPhone: textOrNull(values.doctorPhone),
    vaccinationsUpToDate: values.vaccinationsUpToDate === 'yes' ? true : values.vaccinationsUpToDate === 'no' ? false : null,
    vaccinationNotes: textOrNull(values.vaccinationNotes),
    otherNotes: textOrNull(values.otherNotes),
  };
}

export function MedicalForm({
  child,
  onCancel,
  onSubmit,
}: {
  child: Child;
  onCancel?: () => void;
  onSubmit: (input: MedicalInput) => Promise<void>;
}) {
  const medical = child.medical;
  const form = useForm<MedicalValues>({
    initialValues: {
      allergies: medical.allergies ?? '',
      hasPai: medical.hasPai,
      paiDetails: medical.paiDetails ?? '',
      diet: medical.diet,
      dietDetails: medical.dietDetails ?? '',
      doctorName: medical.doctorName ?? '',
      doctorPhone: medical.doctorPhone ?? '',
      vaccinationsUpToDate: medical.vaccinationsUpToDate === null ? '' : medical.vaccinationsUpToDate ? 'yes' : 'no',
      vaccinationNotes: medical.vaccinationNotes ?? '',
      otherNotes: medical.otherNotes ?? '',
    },
    validate: (values) => zodErrors(medicalSchema, medicalInput(values)),
  });
  const { saving, error, run } = useSubmit(form);
  return (
    <form
      noValidate
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        void run(() => onSubmit(medicalInput(form.values)));
      }}
    >
      <Stack gap="md">
        <Textarea label="Allergies" placeholder="Aucune" autosize minRows={2} {...form.getInputProps('allergies')} />
        <Switch label="PAI (projet d’accueil individualisé)" {...form.getCheckboxProps('hasPai')} />
        {form.values.hasPai && (
          <Textarea label="Détails du PAI" autosize minRows={2} {...form.getInputProps('paiDetails')} />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <NativeSelect
            label="Régime alimentaire"
            data={DIETS.map((value) => ({ value, label: dietLabel(value) }))}
            {...form.getInputProps('diet')}
          />
          <TextInput label="Précisions sur le régime" {...form.getInputProps('dietDetails')} />
          <TextInput label="Médecin traitant" {...form.getInputProps('doctorName')} />
          <TextInput label="Téléphone du médecin" type="tel" {...form.getInputProps('doctorPhone')} />
          <NativeSelect
            label="Vaccinations à jour"
            data={[
              { value: '', label: 'Non renseigné' },
              { value: 'yes', label: 'Oui' },
              { value: 'no', label: 'Non' },
            ]}
            {...form.getInputProps('vaccinationsUpToDate')}
          />
          <TextInput label="Remarques sur les vaccinations" {...form.getInputProps('vaccinationNotes')} />
        </SimpleGrid>
        <Textarea label="Autres informations médicales" autosize minRows={2} {...form.getInputProps('otherNotes')} />
        <FormError error={error} />
        <FormButtons saving={saving} submitLabel="Enregistrer la fiche sanitaire" onCancel={onCancel} />
      </Stack>
    </form>
  );
}

// ---- Authorized person ------------------------------------------------------------------------

interface PersonValues {
  lastName: string;
  firstName: string;
  mobile: string;
  relationship: string;
}

function personInput(values: PersonValues): AuthorizedPersonInput {
  return {
    lastName: values.lastName.trim(),
    firstName: values.firstName.trim(),
    mobile: values.mobile.trim(),
    relationship: values.relationship.trim(),
  };
}

export function AuthorizedPersonForm({
  person,
  submitLabel,
  onCancel,
  onSubmit,
  extra,
}: {
  person: AuthorizedPerson | null;
  submitLabel: string;
  onCancel?: () => void;
  onSubmit: (input: AuthorizedPersonInput) => Promise<void>;
  extra?: ReactNode;
}) {
  const form = useForm<PersonValues>({
    initialValues: {
      lastName: person?.lastName ?? '',
      firstName: person?.firstName ?? '',
      mobile: person?.mobile ?? '',
      relationship: person?.relationship ?? '',
    },
    validate: (values) => zodErrors(authorizedPersonSchema, personInput(values)),
  });
  const { saving, error, run } = useSubmit(form);
  return (
    <form
      noValidate
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        void run(() => onSubmit(personInput(form.values)));
      }}
    >
      <Stack gap="md">
        {extra}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label="Nom" required {...form.getInputProps('lastName')} />
          <TextInput label="Prénom" required {...form.getInputProps('firstName')} />
          <TextInput label="Portable" required type="tel" placeholder="06 12 34 56 78" {...form.getInputProps('mobile')} />
          <TextInput label="Lien avec l’enfant" required placeholder="Ex. : grand-mère" {...form.getInputProps('relationship')} />
        </SimpleGrid>
        <FormError error={error} />
        <FormButtons saving={saving} submitLabel={submitLabel} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
