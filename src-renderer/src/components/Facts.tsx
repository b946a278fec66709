import { Box, SimpleGrid, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export interface Fact {
  label: string;
  value: ReactNode;
}

/** Label / value pairs as a description list (read as such by screen readers). */
export function Facts({ facts, cols = 2 }: { facts: Fact[]; cols?: number }) {
  return (
    <SimpleGrid component="dl" cols={{ base: 1, sm: cols }} spacing="sm" verticalSpacing={6} m={0}>
      {facts.map((fact) => (
        <Box key={fact.label}>
          <Text component="dt" size="xs" c="dimmed" fw={500}>
            {fact.label}
          </Text>
          <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere' }}>
            {fact.value === null || fact.value === undefined || fact.value === '' ? '—' : fact.value}
          </Text>
        </Box>
      ))}
    </SimpleGrid>
  );
}
