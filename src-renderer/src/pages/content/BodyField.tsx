import { Code, Stack, Text, Textarea } from '@mantine/core';
import { CONTENT_BODY_MAX } from '../../../../shared/schemas/content';

/** The text of a news item or an info page, with the "mise en forme simple" reminder. */
export function BodyField({
  value,
  error,
  onChange,
}: {
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  return (
    <Stack gap={4}>
      <Textarea
        label="Texte"
        required
        autosize
        minRows={8}
        maxRows={24}
        value={value}
        error={error}
        onChange={(event) => onChange(event.currentTarget.value)}
        description={
          <>
            Mise en forme simple : une ligne vide entre deux paragraphes, <Code>**gras**</Code>, <Code>*italique*</Code>, une
            ligne commençant par <Code>- </Code> pour une liste ; les adresses en <Code>https://</Code> deviennent des liens.
          </>
        }
      />
      <Text size="xs" c={value.length > CONTENT_BODY_MAX ? 'red.9' : 'dimmed'} ta="right">
        {value.length.toLocaleString('fr-FR')} / {CONTENT_BODY_MAX.toLocaleString('fr-FR')} caractères
      </Text>
    </Stack>
  );
}
