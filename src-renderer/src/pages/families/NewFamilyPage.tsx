import { Anchor, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { toApiError, type ApiError } from '../../api';
import { ErrorAlert } from '../../components/Feedback';
import { PageTitle } from '../../components/PageTitle';
import { familiesApi } from '../../familiesApi';
import { newFamilySchema } from '../../familySchemas';
import { issuesToErrors, nestedErrors, textOrNull, useForm, zodErrors, type FormErrors } from '../../forms';
import type { NewFamilyBody } from '../../types';
import { GuardianFields, guardianErrors, guardianInput, guardianValues, type GuardianValues } from './FamilyForms';

/** One e-mail field: the portal login and the responsable's contact address are the same. */
function body(values: GuardianValues): NewFamilyBody {
  return { email: textOrNull(values.email), responsable: guardianInput(values) };
}

/** `{ email, responsable: { … } }` errors → the flat form's fields. */
function flatten(errors: FormErrors): FormErrors {
  const flat = nestedErrors(errors, 'responsable');
  if (errors.email) flat.email = errors.email;
  return flat;
}

export interface CreatedNotice {
  notice: string;
}

/** "Nouvelle famille": a family file opened at the desk, for parents without internet. */
export function NewFamilyPage() {
  const navigate = useNavigate();
  const form = useForm<GuardianValues>({
    initialValues: guardianValues(null),
    validate: (values) => guardianErrors(flatten(zodErrors(newFamilySchema(), body(values))), values),
  });
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    if (!form.validate()) {
      setError(null);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const file = await familiesApi.create(body(form.values));
      const state: CreatedNotice = {
        notice: file.account.email
          ? 'La famille a été créée. Complétez son dossier : foyer, enfants, documents.'
          : 'La famille a été créée, sans accès au portail. Complétez son dossier : foyer, enfants, documents.',
      };
      void navigate(`/familles/${file.family.id}`, { state });
    } catch (caught) {
      const apiError = toApiError(caught);
      setError(apiError);
      form.setErrors(guardianErrors(flatten(issuesToErrors(apiError.issues)), form.values));
      setSaving(false);
    }
  }

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/familles" size="sm">
        ← Retour aux familles
      </Anchor>
      <PageTitle
        title="Nouvelle famille"
        description="Pour une famille qui se présente à l’accueil. Le dossier se complète ensuite comme sur le portail."
      />
      <Paper withBorder p="md" radius="md">
        <form onSubmit={(event) => void submit(event)} noValidate aria-label="Nouvelle famille : le responsable">
          <Stack gap="md">
            <Text fw={600}>Le responsable du foyer</Text>
            <GuardianFields
              form={form}
              emailLabel="Adresse e-mail (identifiant du portail)"
              emailDescription="Facultative. Sans adresse e-mail, la famille n’a pas d’accès au portail ; le pôle gère son dossier."
            />
            {error && <ErrorAlert error={error} title="Création impossible" />}
            <Group justify="flex-end">
              <Button variant="default" component={Link} to="/familles">
                Annuler
              </Button>
              <Button type="submit" loading={saving}>
                Créer la famille
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
