import { Anchor, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { PageTitle } from '../components/PageTitle';

/** An area announced in the navbar whose screens come with a later version. */
export function ComingSoonPage({ title }: { title: string }) {
  return (
    <Stack gap="lg">
      <PageTitle title={title} />
      <Text>Cette partie arrive avec une prochaine version.</Text>
    </Stack>
  );
}

export function ForbiddenPage({ title }: { title: string }) {
  return (
    <Stack gap="lg">
      <PageTitle title={title} />
      <Text>Votre rôle ne donne pas accès à cette partie du back-office.</Text>
      <Anchor component={Link} to="/">
        Retour au tableau de bord
      </Anchor>
    </Stack>
  );
}

export function NotFoundPage() {
  return (
    <Stack gap="lg">
      <PageTitle title="Page introuvable" />
      <Text>Cette adresse ne correspond à aucune page du back-office.</Text>
      <Anchor component={Link} to="/">
        Retour au tableau de bord
      </Anchor>
    </Stack>
  );
}
