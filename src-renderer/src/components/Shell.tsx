import { AppShell, Badge, Burger, Button, Group, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect, useState, type CSSProperties, type ReactNode } from 'react';
import { NavLink as RouterNavLink, useLocation } from 'react-router';
import { areasFor } from '../areas';
import { roleLabel } from '../format';
import type { StaffUser } from '../types';

const ACTIVE_LINK_STYLE = { '--nl-hover': 'var(--mantine-primary-color-light)' } as CSSProperties;

function isActive(path: string, pathname: string): boolean {
  if (path === '/') return pathname === '/';
  return pathname === path || pathname.startsWith(`${path}/`);
}

function useDesktopVersion(): string | null {
  const [version, setVersion] = useState<string | null>(null);
  useEffect(() => {
    const desktop = window.marelleDesktop;
    if (!desktop) return;
    let cancelled = false;
    desktop.appVersion().then(
      (value) => {
        if (!cancelled) setVersion(value.replace(/^v/i, ''));
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, []);
  return version;
}

export function Shell({
  user,
  onLogout,
  loggingOut,
  children,
}: {
  user: StaffUser;
  onLogout: () => void;
  loggingOut: boolean;
  children: ReactNode;
}) {
  const [opened, { toggle, close }] = useDisclosure(false);
  const { pathname } = useLocation();
  const desktopVersion = useDesktopVersion();
  const areas = areasFor(user.role);
  const fullName = `${user.firstName} ${user.lastName}`.trim() || user.email;

  return (
    <AppShell
      header={{ height: 60 }}
      footer={{ height: 36 }}
      navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? 'Fermer le menu' : 'Ouvrir le menu'}
              aria-expanded={opened}
              aria-controls="marelle-navbar"
            />
            <Text fw={800} size="xl" c="indigo.7">
              Marelle
            </Text>
          </Group>
          <Group gap="md" wrap="nowrap">
            <Stack gap={0} align="flex-end" visibleFrom="xs">
              <Text fw={600} size="sm" data-testid="current-user-name">
                {fullName}
              </Text>
              <Badge variant="light" color="gray" size="sm" tt="none" data-testid="current-user-role">
                {roleLabel(user.role)}
              </Badge>
            </Stack>
            <Button variant="default" size="sm" onClick={onLogout} loading={loggingOut}>
              Se déconnecter
            </Button>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" id="marelle-navbar" aria-label="Navigation principale">
        <AppShell.Section grow component={ScrollArea}>
          {areas.map((area) => {
            const active = isActive(area.path, pathname);
            return (
              <NavLink
                key={area.id}
                component={RouterNavLink}
                to={area.path}
                end={area.path === '/'}
                label={area.label}
                active={active}
                // The light variant's text falls below 4.5:1 on its hovered tint: darker text, no darker tint.
                c={active ? 'indigo.9' : undefined}
                style={active ? ACTIVE_LINK_STYLE : undefined}
                onClick={close}
              />
            );
          })}
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main>{children}</AppShell.Main>

      <AppShell.Footer>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Text size="xs" c="dimmed" visibleFrom="sm">
            Marelle — pôle enfance-jeunesse
          </Text>
          {desktopVersion && (
            <Text size="xs" c="dimmed" data-testid="desktop-version">
              Application de bureau v{desktopVersion}
            </Text>
          )}
        </Group>
      </AppShell.Footer>
    </AppShell>
  );
}
