import { Badge } from '@mantine/core';

/** A state badge in the colour's darkest shade with white text: the light variant fails 4.5:1 on striped rows. */
export function StatusBadge({ color, label }: { color: string; label: string }) {
  return (
    <Badge color={`${color}.9`} variant="filled">
      {label}
    </Badge>
  );
}
