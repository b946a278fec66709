import { Badge, Paper, Stack, Text, Title, Typography } from '@mantine/core';
import { AttachmentLinks } from '../../../../portal/web/src/components/AttachmentLinks';
import { SimpleText } from '../../../../portal/web/src/components/SimpleText';
import type { ContentAttachment } from '../../contentApi';

/**
 * "Aperçu": the text as families will read it, rendered by the portal's own components (the
 * same parser, the same elements), updated as staff type.
 */
export function ContentPreview({
  title,
  meta,
  body,
  attachments,
}: {
  title: string;
  meta: string | null;
  body: string;
  attachments: ContentAttachment[];
}) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="apercu-titre">
      <Stack gap="sm">
        <Stack gap={2}>
          <Title order={2} size="h4" id="apercu-titre">
            Aperçu
          </Title>
          <Text size="sm" c="dimmed">
            Tel que les familles le liront sur le portail.
          </Text>
        </Stack>
        <Paper bg="gray.0" p="md" radius="sm" data-testid="content-preview">
          <Stack gap="xs">
            {title.trim() ? (
              <Title order={3} size="h4">
                {title}
              </Title>
            ) : (
              <Text c="dimmed" fs="italic">
                Sans titre
              </Text>
            )}
            {meta && (
              <Badge variant="outline" color="gray" tt="none" w="fit-content">
                {meta}
              </Badge>
            )}
            {body.trim() ? (
              <Typography>
                <SimpleText text={body} />
              </Typography>
            ) : (
              <Text c="dimmed" fs="italic">
                Le texte apparaîtra ici.
              </Text>
            )}
            <Typography>
              <AttachmentLinks attachments={attachments} />
            </Typography>
          </Stack>
        </Paper>
      </Stack>
    </Paper>
  );
}
