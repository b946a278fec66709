import { Anchor, Badge, Group, Stack, Tabs } from '@mantine/core';
import { useCallback } from 'react';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { PageTitle } from '../../components/PageTitle';
import { servicesApi, type ServiceDetailDto } from '../../servicesApi';
import { useResource } from '../../useResource';
import { NotFoundPage } from '../SimplePages';
import { DuplicateTab } from './DuplicateTab';
import { KIND_LABELS } from './format';
import { GroupsTab } from './GroupsTab';
import { OpeningDaysPage } from './OpeningDaysPage';
import { PeriodsTab } from './PeriodsTab';
import { RulesTab } from './RulesTab';
import { StaffingTab } from './StaffingTab';
import { UnitsTab } from './UnitsTab';

const TABS = [
  { id: 'rules', path: '', label: 'Règles' },
  { id: 'periods', path: 'periodes', label: 'Périodes' },
  { id: 'units', path: 'accueils', label: 'Accueils et activités' },
  { id: 'groups', path: 'groupes', label: 'Groupes' },
  { id: 'staffing', path: 'encadrement', label: 'Encadrement' },
  { id: 'duplicate', path: 'dupliquer', label: 'Dupliquer vers l’année suivante' },
] as const;

type TabId = (typeof TABS)[number]['id'];

function tabOf(rest: string): TabId {
  const first = rest.split('/')[0] ?? '';
  return TABS.find((t) => t.path === first)?.id ?? 'rules';
}

export interface ServiceTabProps {
  detail: ServiceDetailDto;
  /** Loads the service again (after a change). */
  reload: () => void;
  /** Replaces the service with what a write answered. */
  setDetail: (detail: ServiceDetailDto) => void;
}

/** One service: /services/:id (Règles), /periodes[/:periodId], /accueils, /groupes, /encadrement, /dupliquer. */
export function ServicePage() {
  const params = useParams();
  const navigate = useNavigate();
  const id = Number(params.serviceId);
  const load = useCallback(() => servicesApi.detail(id), [id]);
  const { state, reload, setData } = useResource(load);
  const tab = tabOf(params['*'] ?? '');

  if (!Number.isSafeInteger(id) || id <= 0) return <NotFoundPage />;
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') {
    return (
      <Stack gap="md">
        <Anchor component={Link} to="/services">
          ← Retour aux services
        </Anchor>
        <ErrorAlert error={state.error} title="Service indisponible" />
      </Stack>
    );
  }

  const detail = state.data;
  const props: ServiceTabProps = { detail, reload, setDetail: setData };
  const content = (
    <Routes>
      <Route index element={<RulesTab key={detail.service.id} {...props} />} />
      <Route path="periodes" element={<PeriodsTab {...props} />} />
      <Route path="periodes/:periodId" element={<OpeningDaysPage {...props} />} />
      <Route path="accueils" element={<UnitsTab {...props} />} />
      <Route path="groupes" element={<GroupsTab {...props} />} />
      <Route path="encadrement" element={<StaffingTab {...props} />} />
      <Route path="dupliquer" element={<DuplicateTab {...props} />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/services">
        ← Retour aux services
      </Anchor>
      <PageTitle
        title={detail.service.name}
        description={
          <Group gap="xs" component="span">
            <span>{KIND_LABELS[detail.service.kind]}</span>
            <Badge color={detail.service.active ? 'green' : 'gray'} variant="dot" tt="none" component="span">
              {detail.service.active ? 'Actif' : 'Inactif'}
            </Badge>
          </Group>
        }
      />
      <Tabs
        value={tab}
        onChange={(value) => {
          const next = TABS.find((t) => t.id === value);
          if (next && next.id !== tab) void navigate(`/services/${id}${next.path ? `/${next.path}` : ''}`);
        }}
        keepMounted={false}
      >
        <Tabs.List aria-label="Configuration du service">
          {TABS.map((t) => (
            <Tabs.Tab key={t.id} value={t.id}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {TABS.map((t) => (
          <Tabs.Panel key={t.id} value={t.id} pt="md">
            {t.id === tab ? content : null}
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
