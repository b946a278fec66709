import { Alert, Anchor, Badge, Box, Button, Grid, Group, List, Paper, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useCallback, useState, type CSSProperties, type ReactNode } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { AppModal } from '../../components/AppModal';
import { Facts } from '../../components/Facts';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { Notice } from '../../components/Notice';
import { PageTitle } from '../../components/PageTitle';
import { familiesApi } from '../../familiesApi';
import { formatAge, formatIban, invoiceDeliveryLabel, mandateStatusLabel, yesNo } from '../../familyFormat';
import { formatDate, formatDateTime } from '../../format';
import type { FamilyFile, Guardian } from '../../types';
import { useResource } from '../../useResource';
import { NotFoundPage } from '../SimplePages';
import { AuditPanel } from './AuditPanel';
import { ChildCard } from './ChildCard';
import { ConfirmModal, ReasonModal } from './dialogs';
import { FamilyBookingsPanel } from './FamilyBookingsPanel';
import { FamilyDocuments } from './FamilyDocuments';
import { ChildForm, GuardianForm, HouseholdForm } from './FamilyForms';
import { FamilyStatusBadge } from './FamilyTable';
import type { CreatedNotice } from './NewFamilyPage';

/** Mantine's yellow titles fall below 4.5:1 on their tint: dark titles, the tint says "warning". */
const WARNING_STYLES = { title: { color: 'var(--mantine-color-dark-9)' } };

export const VALIDATED_NOTICE = 'Le dossier est validé ; la famille a été prévenue par courriel.';
export const REJECTED_NOTICE = 'Le dossier est refusé ; la famille a été prévenue par courriel, avec le motif.';

function familyTitle(file: FamilyFile): string {
  return file.responsable ? `Famille ${file.responsable.lastName}` : `Famille n° ${file.family.id}`;
}

function Section({
  id,
  title,
  actions,
  children,
}: {
  id: string;
  title: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Group justify="space-between" align="center" wrap="wrap">
          <Title order={2} size="h4" id={id}>
            {title}
          </Title>
          {actions && <Group gap="xs">{actions}</Group>}
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}

function GuardianFacts({ guardian }: { guardian: Guardian }) {
  const address = [guardian.addressLine1, guardian.addressLine2, [guardian.postalCode, guardian.city].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(', ');
  return (
    <Facts
      facts={[
        { label: 'Nom', value: `${guardian.civility ? `${guardian.civility} ` : ''}${guardian.firstName} ${guardian.lastName}` },
        { label: 'Date de naissance', value: guardian.birthDate ? formatDate(guardian.birthDate) : null },
        { label: 'Adresse', value: address },
        { label: 'E-mail', value: guardian.email },
        { label: 'Portable', value: guardian.phoneMobile },
        { label: 'Téléphone fixe', value: guardian.phoneHome },
        { label: 'Employeur', value: guardian.employer },
        { label: 'Profession', value: guardian.profession },
        { label: 'Téléphone professionnel', value: guardian.phoneWork },
      ]}
    />
  );
}

type Dialog = 'profile' | 'conjoint' | 'removeConjoint' | 'household' | 'addChild' | 'validate' | 'reject' | null;

function StatusPanel({ file, onDialog }: { file: FamilyFile; onDialog: (dialog: Dialog) => void }) {
  const { family, completeness } = file;
  const awaiting = family.status === 'awaiting_validation';
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="family-status-title">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Stack gap={4} style={{ flex: '1 1 320px', minWidth: 0 }}>
            <Group gap="sm">
              <Title order={2} size="h4" id="family-status-title">
                État du dossier
              </Title>
              <FamilyStatusBadge status={family.status} />
            </Group>
            <Text size="sm">
              {family.submittedAt
                ? `Transmis le ${formatDateTime(family.submittedAt)}${awaiting ? ` (en attente depuis ${formatAge(family.submittedAt)})` : ''}.`
                : 'Pas encore transmis pour validation.'}
              {family.validatedAt ? ` Validé le ${formatDateTime(family.validatedAt)}.` : ''}
            </Text>
            {family.statusReason && (
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                Motif : <em>{family.statusReason}</em>
              </Text>
            )}
            <Text size="sm">
              {file.account.email ? `Accès au portail : ${file.account.email}` : 'Sans accès au portail (dossier géré à l’accueil).'}
            </Text>
          </Stack>
          {awaiting && (
            <Group gap="xs">
              <Button color="teal.9" onClick={() => onDialog('validate')}>
                Valider le dossier
              </Button>
              <Button color="red.9" variant="outline" onClick={() => onDialog('reject')}>
                Refuser le dossier
              </Button>
            </Group>
          )}
        </Group>
        {completeness.complete ? (
          <Text size="sm" fw={500} data-testid="completeness">
            ✓ Dossier complet : toutes les pièces demandées sont présentes.
          </Text>
        ) : (
          <Alert color="yellow" variant="light" styles={WARNING_STYLES} title="Dossier incomplet" data-testid="completeness">
            <List size="sm" spacing={2}>
              {completeness.missing.map((sentence) => (
                <List.Item key={sentence}>{sentence}</List.Item>
              ))}
            </List>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

function MandatesTable({ file, onChanged }: { file: FamilyFile; onChanged: (notice: string) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  if (file.mandates.length === 0) return <Text size="sm" c="dimmed">Aucun mandat SEPA.</Text>;
  // A pending mandate is checked against the signed paper or the uploaded "mandat SEPA" document.
  const activate = async (mandateId: number, rum: string) => {
    setBusy(mandateId);
    setError(null);
    try {
      await familiesApi.activateMandate(file.family.id, mandateId);
      onChanged(`Le mandat ${rum} est actif : il sera utilisé pour les prélèvements.`);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : 'Le mandat n’a pas pu être activé.');
    } finally {
      setBusy(null);
    }
  };
  return (
    <Table.ScrollContainer minWidth={560}>
      {error && (
        <Alert color="red" role="alert" mb="xs">
          {error}
        </Alert>
      )}
      <Table withTableBorder striped aria-label="Mandats SEPA" fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>RUM</Table.Th>
            <Table.Th>IBAN</Table.Th>
            <Table.Th>BIC</Table.Th>
            <Table.Th>Titulaire</Table.Th>
            <Table.Th>Signé le</Table.Th>
            <Table.Th>État</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {file.mandates.map((mandate) => (
            <Table.Tr key={mandate.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{mandate.rum}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap', fontFamily: 'monospace' }}>
                {mandate.iban ? formatIban(mandate.iban) : mandate.ibanMasked}
              </Table.Td>
              <Table.Td>{mandate.bic}</Table.Td>
              <Table.Td>{mandate.holderName}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(mandate.signatureDate)}</Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  {mandateStatusLabel(mandate.status)}
                  {mandate.status === 'pending' && (
                    <Button
                      size="compact-xs"
                      variant="light"
                      loading={busy === mandate.id}
                      aria-label={`Activer le mandat ${mandate.rum}`}
                      onClick={() => void activate(mandate.id, mandate.rum)}
                    >
                      Activer
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Beside the file on wide screens, scrolled on its own when it is longer than the window. */
const STICKY_COLUMN: CSSProperties = {
  position: 'sticky',
  top: 'calc(var(--app-shell-header-height, 60px) + var(--mantine-spacing-md))',
  maxHeight: 'calc(100dvh - var(--app-shell-header-height, 60px) - var(--app-shell-footer-height, 36px) - 2 * var(--mantine-spacing-md))',
  overflowY: 'auto',
};

function FamilyView({ familyId }: { familyId: number }) {
  const wide = useMediaQuery('(min-width: 75em)') ?? false;
  const location = useLocation();
  const created = (location.state as CreatedNotice | null)?.notice ?? null;
  const load = useCallback(() => familiesApi.file(familyId), [familyId]);
  const { state, setData, reload } = useResource(load);
  const [notice, setNotice] = useState<string | null>(created);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [tab, setTab] = useState<string | null>('dossier');
  const close = () => setDialog(null);

  if (state.status === 'loading') return <Loading label="Chargement du dossier…" />;
  if (state.status === 'error') {
    return (
      <Stack gap="lg">
        <Anchor component={Link} to="/familles" size="sm">
          ← Retour aux familles
        </Anchor>
        <ErrorAlert error={state.error} title="Dossier indisponible" />
      </Stack>
    );
  }
  const file = state.data;

  function saved(next: FamilyFile, message: string) {
    setData(next);
    setDialog(null);
    setNotice(message);
  }

  const responsableName = file.responsable ? `${file.responsable.firstName} ${file.responsable.lastName}` : null;

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/familles" size="sm">
        ← Retour aux familles
      </Anchor>
      <PageTitle
        title={familyTitle(file)}
        description={responsableName ? `Responsable : ${responsableName} · dossier n° ${file.family.id}` : `Dossier n° ${file.family.id}`}
      />
      {notice && <Notice message={notice} onClose={() => setNotice(null)} />}
      <StatusPanel file={file} onDialog={setDialog} />

      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List aria-label="Parties du dossier">
          <Tabs.Tab value="dossier">Dossier</Tabs.Tab>
          <Tabs.Tab value="reservations">Réservations</Tabs.Tab>
          <Tabs.Tab value="historique">Historique</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="dossier" pt="md">
          <Grid gap="md">
            <Grid.Col span={{ base: 12, lg: 7 }}>
              <Stack gap="md">
                <Section
                  id="section-responsable"
                  title="Responsable"
                  actions={
                    <Button size="xs" variant="default" onClick={() => setDialog('profile')} aria-label="Modifier le responsable">
                      Modifier
                    </Button>
                  }
                >
                  {file.responsable ? (
                    <GuardianFacts guardian={file.responsable} />
                  ) : (
                    <Text size="sm" c="dimmed">
                      Profil non renseigné.
                    </Text>
                  )}
                </Section>

                <Section
                  id="section-conjoint"
                  title="Conjoint"
                  actions={
                    <>
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => setDialog('conjoint')}
                        aria-label={file.conjoint ? 'Modifier le conjoint' : 'Ajouter le conjoint'}
                      >
                        {file.conjoint ? 'Modifier' : 'Ajouter le conjoint'}
                      </Button>
                      {file.conjoint && (
                        <Button size="xs" variant="subtle" color="red.9" c="red.9" onClick={() => setDialog('removeConjoint')}>
                          Retirer le conjoint
                        </Button>
                      )}
                    </>
                  }
                >
                  {file.conjoint ? (
                    <GuardianFacts guardian={file.conjoint} />
                  ) : (
                    <Text size="sm" c="dimmed">
                      Aucun conjoint déclaré.
                    </Text>
                  )}
                </Section>

                <Section
                  id="section-foyer"
                  title="Foyer"
                  actions={
                    <Button size="xs" variant="default" onClick={() => setDialog('household')} aria-label="Modifier le foyer">
                      Modifier
                    </Button>
                  }
                >
                  <Facts
                    facts={[
                      { label: 'Quotient familial (QF)', value: file.household.qf === null ? null : String(file.household.qf) },
                      {
                        label: 'QF valable jusqu’au',
                        value: file.household.qfValidUntil ? formatDate(file.household.qfValidUntil) : null,
                      },
                      { label: 'N° allocataire CAF', value: file.household.cafNumber },
                      { label: 'Nom de l’allocataire', value: file.household.allocataireName },
                      {
                        label: 'Personnes à charge',
                        value: file.household.dependantsCount === null ? null : String(file.household.dependantsCount),
                      },
                      {
                        label: 'Extérieur à la commune',
                        value: file.household.outsideCommune ? (
                          <Badge color="orange" variant="dot" tt="none">
                            Oui
                          </Badge>
                        ) : (
                          yesNo(false)
                        ),
                      },
                      { label: 'Envoi des factures', value: invoiceDeliveryLabel(file.household.invoiceDelivery) },
                    ]}
                  />
                </Section>

                <Section id="section-mandats" title="Mandats SEPA">
                  <MandatesTable
                    file={file}
                    onChanged={(message) => {
                      setNotice(message);
                      reload();
                    }}
                  />
                </Section>

                <Section
                  id="section-enfants"
                  title="Enfants"
                  actions={
                    <Button size="xs" variant="default" onClick={() => setDialog('addChild')}>
                      Ajouter un enfant
                    </Button>
                  }
                >
                  {file.children.length === 0 && (
                    <Text size="sm" c="dimmed">
                      Aucun enfant.
                    </Text>
                  )}
                  {file.children.map((child) => (
                    <ChildCard key={child.id} familyId={familyId} summary={child} onNotice={setNotice} onFileChanged={reload} />
                  ))}
                </Section>
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 5 }}>
              {/* Stays in view beside the file while staff scroll through it. */}
              <Box style={wide ? STICKY_COLUMN : undefined}>
              <Section id="section-documents" title="Documents">
                <FamilyDocuments
                  familyId={familyId}
                  documents={file.documents}
                  kids={file.children}
                  onNotice={setNotice}
                  onFileChanged={reload}
                />
              </Section>
              </Box>
            </Grid.Col>
          </Grid>
        </Tabs.Panel>
        <Tabs.Panel value="reservations" pt="md">
          <FamilyBookingsPanel familyId={familyId} kids={file.children} />
        </Tabs.Panel>
        <Tabs.Panel value="historique" pt="md">
          <AuditPanel familyId={familyId} />
        </Tabs.Panel>
      </Tabs>

      <AppModal opened={dialog === 'profile'} onClose={close} title="Modifier le responsable">
        {dialog === 'profile' && (
          <GuardianForm
            guardian={file.responsable}
            submitLabel="Enregistrer le responsable"
            onCancel={close}
            onSubmit={async (input) => saved(await familiesApi.saveProfile(familyId, input), 'Le profil du responsable est enregistré.')}
          />
        )}
      </AppModal>
      <AppModal opened={dialog === 'conjoint'} onClose={close} title={file.conjoint ? 'Modifier le conjoint' : 'Ajouter le conjoint'}>
        {dialog === 'conjoint' && (
          <GuardianForm
            guardian={file.conjoint}
            submitLabel="Enregistrer le conjoint"
            onCancel={close}
            onSubmit={async (input) => saved(await familiesApi.saveConjoint(familyId, input), 'Le conjoint est enregistré.')}
          />
        )}
      </AppModal>
      <ConfirmModal
        opened={dialog === 'removeConjoint'}
        onClose={close}
        title="Retirer le conjoint"
        confirmLabel="Retirer le conjoint"
        confirmColor="red.9"
        onConfirm={async () => saved(await familiesApi.removeConjoint(familyId), 'Le conjoint est retiré du dossier.')}
      >
        <Text size="sm">
          {file.conjoint ? `${file.conjoint.firstName} ${file.conjoint.lastName} ne figurera plus dans le dossier.` : ''}
        </Text>
      </ConfirmModal>
      <AppModal opened={dialog === 'household'} onClose={close} title="Modifier le foyer">
        {dialog === 'household' && (
          <HouseholdForm
            household={file.household}
            onCancel={close}
            onSubmit={async (input) => saved(await familiesApi.saveHousehold(familyId, input), 'Le foyer est enregistré.')}
          />
        )}
      </AppModal>
      <AppModal opened={dialog === 'addChild'} onClose={close} title="Ajouter un enfant">
        {dialog === 'addChild' && (
          <ChildForm
            child={null}
            defaultLastName={file.responsable?.lastName ?? ''}
            submitLabel="Ajouter l’enfant"
            onCancel={close}
            onSubmit={async (input) => {
              const child = await familiesApi.addChild(familyId, input);
              setDialog(null);
              setNotice(`${child.firstName} ${child.lastName} est ajouté(e) au dossier.`);
              reload();
            }}
          />
        )}
      </AppModal>
      <ConfirmModal
        opened={dialog === 'validate'}
        onClose={close}
        title="Valider le dossier"
        confirmLabel="Valider le dossier"
        confirmColor="teal.9"
        onConfirm={async () => saved(await familiesApi.validate(familyId), VALIDATED_NOTICE)}
      >
        <Text size="sm">
          Valider le dossier de la {familyTitle(file).replace(/^Famille/, 'famille')} ? La famille sera prévenue par
          courriel et pourra effectuer ses réservations.
        </Text>
        {!file.completeness.complete && (
          <Alert color="yellow" variant="light" styles={WARNING_STYLES} title="Le dossier est incomplet">
            <List size="sm" spacing={2}>
              {file.completeness.missing.map((sentence) => (
                <List.Item key={sentence}>{sentence}</List.Item>
              ))}
            </List>
          </Alert>
        )}
      </ConfirmModal>
      <ReasonModal
        opened={dialog === 'reject'}
        onClose={close}
        title="Refuser le dossier"
        intro="La famille recevra ce motif par courriel ; elle pourra corriger son dossier et le transmettre de nouveau."
        label="Motif du refus"
        placeholder="Ex. : l’attestation de responsabilité civile ne couvre pas l’année scolaire."
        confirmLabel="Refuser le dossier"
        onConfirm={async (reason) => saved(await familiesApi.reject(familyId, reason), REJECTED_NOTICE)}
      />
    </Stack>
  );
}

/** `/familles/:familyId`: the family file, its documents beside it, and its history. */
export function FamilyPage() {
  const { familyId } = useParams();
  const id = Number(familyId);
  if (!Number.isSafeInteger(id) || id <= 0) return <NotFoundPage />;
  return <FamilyView key={id} familyId={id} />;
}
