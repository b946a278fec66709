import { expect, request as http, test, type APIRequestContext, type Page } from '@playwright/test';
import { DEMO_PASSWORD, seriousViolations } from './helpers';
import { waitForMail } from './mailbox';
import { BACKOFFICE, PORTAL_URL } from './ports';

// A place offered from the waiting list, accepted by the family in the portal (decision 0007).
// Everything is set up through the HTTP API, as the people would: the admin turns the ALSH du
// mercredi to automatic approval with a waiting list and offers; an agent saves the staffing of
// Wednesday 17 March 2027 for the 6-11 ans with no animator yet (no place); another demo family,
// then the demo parent (famille@demo.fr) book that day for a child of 6-11: both wait, in that
// order; the agent adds an animator in « Places et encadrement » → the waiting lines are offered
// the freed places for 48 hours and the families e-mailed « PLACE PROPOSÉE ». The demo parent
// opens « Mon planning », the day, and accepts.
//
// Data no other spec uses: 17 March 2027 (no demo booking, no demo staffing: plans stop on 16
// December), the 6-11 ans of the ALSH du mercredi. The service's three settings and the day's
// staffing are put back afterwards, through the same API, so that no later spec sees them.

const DAY = '2027-03-17';
const DAY_FR = '17/03/2027';
const DEMO_EMAIL = 'famille@demo.fr';
const DEMO_SECOND_EMAIL = 'moreau@demo.fr';
// The server's clock (tests/browser/server.ts): the offer runs 48 hours, to Saturday 28 November 09:00.
const NOW = new Date('2026-11-26T09:00:00+01:00');
const OFFER_UNTIL = '28/11 à 09 h 00';

interface Session {
  api: APIRequestContext;
  csrf: string;
}

interface Settings {
  approvalMode: string;
  noPlacePolicy: string;
  waitlistPromotion: string;
}

interface ServiceDetail {
  service: Settings & { id: number; code: string };
  units: { id: number; code: string; name: string }[];
  groups: { id: number; name: string; minAge: number; maxAge: number }[];
}

interface StaffPlan {
  mode: 'count' | 'names';
  animators: number;
  qualified: number;
  trainees: number;
  directorCounted: boolean;
}

interface RequestResult {
  requestId: number;
  lines: { bookingId: number | null; outcome: string; reason: string | null }[];
}

// What the test changed, put back in afterAll even when it fails half-way; the API sessions it opened.
let restore: (() => Promise<void>)[] = [];
let sessions: Session[] = [];

async function login(baseURL: string, path: string, email: string): Promise<Session> {
  const api = await http.newContext({ baseURL });
  const res = await api.post(path, { data: { email, password: DEMO_PASSWORD } });
  expect(res.status(), `${email}: ${await res.text()}`).toBe(200);
  const body = (await res.json()) as { csrfToken: string };
  const session = { api, csrf: body.csrfToken };
  sessions.push(session);
  return session;
}

const staff = (email: string) => login(BACKOFFICE, '/api/staff/auth/login', email);
const parent = (email: string) => login(PORTAL_URL, '/api/auth/login', email);

async function call<T>(s: Session, method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, status: number, data?: unknown): Promise<T> {
  const res = await s.api.fetch(path, { method, data, headers: method === 'GET' ? {} : { 'x-csrf-token': s.csrf } });
  const text = await res.text();
  expect(res.status(), `${method} ${path}: ${text}`).toBe(status);
  return (text ? JSON.parse(text) : null) as T;
}

/** Age in whole years on `date` (both YYYY-MM-DD). */
function ageOn(birthDate: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return date.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** A validated demo family other than the Lefèvre and Moreau ones, with a child of the group that day. */
async function anotherFamily(admin: Session, group: { minAge: number; maxAge: number }): Promise<{ email: string; childId: number; childName: string }> {
  const list = await call<{ items: { id: number; status: string; email: string }[] }>(admin, 'GET', '/api/staff/families?status=validated&limit=50', 200);
  const candidates = list.items
    .filter((f) => f.status === 'validated' && f.email.endsWith('@example.fr') && ![DEMO_EMAIL, DEMO_SECOND_EMAIL].includes(f.email))
    // The demo's families first (lowest ids), before any a spec may have registered.
    .sort((a, b) => a.id - b.id);
  for (const family of candidates) {
    const file = await call<{ children: { id: number; firstName: string; lastName: string; birthDate: string }[] }>(admin, 'GET', `/api/staff/families/${family.id}`, 200);
    const child = file.children.find((c) => {
      const age = ageOn(c.birthDate, DAY);
      return age >= group.minAge && age <= group.maxAge;
    });
    if (child) return { email: family.email, childId: child.id, childName: `${child.firstName} ${child.lastName}` };
  }
  throw new Error('Données de démonstration : une autre famille validée avec un enfant de 6 à 11 ans est attendue.');
}

async function portalLogin(page: Page) {
  await page.clock.setFixedTime(NOW);
  await page.goto('/');
  await page.getByLabel('Identifiant').fill(DEMO_EMAIL);
  await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(/\/espace$/);
  await page.getByRole('navigation', { name: 'Mon espace' }).getByRole('link', { name: 'Réservations', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Réservations' })).toBeVisible();
}

const day = (page: Page, name: string) => page.getByRole('button', { name: new RegExp(`^${name}`) });


test.afterAll(async () => {
  const steps = restore.reverse();
  restore = [];
  try {
    for (const step of steps) await step();
  } finally {
    await Promise.all(sessions.map((s) => s.api.dispose()));
    sessions = [];
  }
});

test('a place freed by one more animator is offered to the waiting family, who accepts it in « Mon planning »', async ({ page }) => {
  test.setTimeout(90_000);
  const admin = await staff('admin@mairie.demo');
  const agent = await staff('agent@mairie.demo');

  // « Services »: the ALSH du mercredi, its 6-11 ans and its « Journée ».
  const services = await call<{ items: { id: number; code: string }[] }>(admin, 'GET', '/api/staff/services', 200);
  const serviceId = services.items.find((s) => s.code === 'alsh_mercredi')?.id;
  if (serviceId === undefined) throw new Error('Service ALSH du mercredi absent des données de démonstration.');
  const detail = await call<ServiceDetail>(admin, 'GET', `/api/staff/services/${serviceId}`, 200);
  const group = detail.groups.find((g) => g.minAge <= 8 && g.maxAge >= 8);
  const journee = detail.units.find((u) => u.code === 'journee');
  if (!group || !journee) throw new Error('Groupe 6-11 ans ou accueil « Journée » absent.');

  // The admin: automatic approval, a waiting list when full, freed places offered to the family.
  const before: Settings = {
    approvalMode: detail.service.approvalMode,
    noPlacePolicy: detail.service.noPlacePolicy,
    waitlistPromotion: detail.service.waitlistPromotion,
  };
  restore.push(async () => {
    await call(admin, 'PUT', `/api/staff/services/${serviceId}`, 200, before);
  });
  const updated = await call<ServiceDetail>(admin, 'PUT', `/api/staff/services/${serviceId}`, 200, {
    approvalMode: 'automatic',
    noPlacePolicy: 'waitlist',
    waitlistPromotion: 'offer',
  });
  expect(updated.service).toMatchObject({ approvalMode: 'automatic', noPlacePolicy: 'waitlist', waitlistPromotion: 'offer' });

  // The agent, « Places et encadrement »: nobody planned yet on the 17th for the 6-11 ans → no place.
  const planPath = `/api/staff/places/${serviceId}/plans/${group.id}/${DAY}`;
  const dayView = await call<{ groups: { id: number; plan: StaffPlan | null }[] }>(agent, 'GET', `/api/staff/places/${serviceId}/days/${DAY}`, 200);
  const planBefore = dayView.groups.find((g) => g.id === group.id)?.plan ?? null;
  restore.push(async () => {
    if (planBefore === null) await call(agent, 'DELETE', planPath, 204);
    else {
      const { mode, animators, qualified, trainees, directorCounted } = planBefore;
      expect(mode, 'un encadrement nominatif existait déjà ce jour-là').toBe('count');
      await call(agent, 'PUT', planPath, 200, { mode, animators, qualified, trainees, directorCounted });
    }
  });
  await call(agent, 'PUT', planPath, 200, { mode: 'count', animators: 0, qualified: 0, trainees: 0, directorCounted: false });

  // Another family books that Wednesday first, then the demo parent books Léo: both wait, in that order.
  const other = await anotherFamily(admin, group);
  const otherParent = await parent(other.email);
  const first = await call<RequestResult>(otherParent, 'POST', '/api/family/requests', 201, {
    lines: [{ action: 'book', childId: other.childId, date: DAY, unitId: journee.id }],
  });
  expect(first.lines[0]?.outcome, `${other.childName} : ${first.lines[0]?.reason}`).toBe('waitlisted');

  const demoParent = await parent(DEMO_EMAIL);
  const catalog = await call<{ children: { id: number; firstName: string }[] }>(demoParent, 'GET', '/api/family/booking/catalog', 200);
  const leo = catalog.children.find((c) => c.firstName === 'Léo');
  if (!leo) throw new Error('Léo absent du catalogue de famille@demo.fr.');
  const mine = await call<RequestResult>(demoParent, 'POST', '/api/family/requests', 201, {
    lines: [{ action: 'book', childId: leo.id, date: DAY, unitId: journee.id }],
  });
  expect(mine.lines[0]?.outcome, String(mine.lines[0]?.reason)).toBe('waitlisted');
  const leoBooking = mine.lines[0]?.bookingId;
  expect(leoBooking).toEqual(expect.any(Number));
  await waitForMail((m) => m.to.includes(DEMO_EMAIL) && m.text.includes(`${DAY_FR} — Léo Lefèvre — ALSH du mercredi — Journée (repas compris) : LISTE D`));

  // The agent adds an animator: places free up, the waiting lines are offered them, in arrival order.
  await call(agent, 'PUT', planPath, 200, { mode: 'count', animators: 1, qualified: 1, trainees: 0, directorCounted: false });
  const offerMail = await waitForMail((m) => m.to.includes(DEMO_EMAIL) && m.text.includes('PLACE PROPOSÉE') && m.text.includes(DAY_FR));
  expect(offerMail.text).toContain('Léo Lefèvre');
  await waitForMail((m) => m.to.includes(other.email) && m.text.includes('PLACE PROPOSÉE') && m.text.includes(DAY_FR));

  // The demo parent: « Mon planning », March 2027, the 17th.
  await portalLogin(page);
  const planning = page.getByRole('region', { name: 'Mon planning' });
  await expect(planning.getByRole('heading', { name: 'Novembre 2026' })).toBeVisible();
  for (const month of ['Décembre 2026', 'Janvier 2027', 'Février 2027', 'Mars 2027']) {
    await planning.getByRole('button', { name: 'Mois suivant' }).click();
    await expect(planning.getByRole('heading', { name: month })).toBeVisible();
  }
  const wednesday = day(page, 'mercredi 17 mars 2027, 1 réservation');
  await expect(wednesday).toContainText('Léo · Journée (repas compris)');
  await expect(wednesday).toContainText('PLACE PROPOSÉE');
  await wednesday.click();

  const dialog = page.getByRole('dialog', { name: /mercredi 17 mars 2027/ });
  const offer = dialog.getByRole('group', { name: /PLACE PROPOSÉE/ });
  await expect(offer).toContainText(`PLACE PROPOSÉE jusqu’au ${OFFER_UNTIL}`);
  await expect(offer).toContainText('sans réponse, elle sera proposée à la famille suivante');
  await expect(offer.getByRole('button', { name: /^Refuser la place/ })).toBeVisible();
  // While the offer runs, the line cannot be cancelled from here: the family answers the offer.
  await expect(dialog.getByRole('button', { name: /Demander l’annulation/ })).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);

  // « Mes demandes », on the same page, shows the offer too.
  const history = page.getByRole('region', { name: 'Mes demandes' });
  await expect(history).toContainText('PLACE PROPOSÉE');

  await offer.getByRole('button', { name: 'Accepter la place : Journée (repas compris), Léo Lefèvre' }).click();
  await expect(dialog).toBeHidden();
  // …and follows the answer without a reload.
  await expect(history).not.toContainText('PLACE PROPOSÉE');
  await expect(page.getByRole('status').filter({ hasText: 'Place acceptée' })).toContainText(
    new RegExp(`^Place acceptée : la réservation de Léo Lefèvre le ${DAY_FR.replaceAll('/', '\\/')} .* est confirmée\\. Un e-mail`),
  );
  await expect(wednesday).toContainText('ACCEPTÉE');
  await expect(wednesday).not.toContainText('PLACE PROPOSÉE');

  // The day now shows the booking like any other: no offer left, a cancellation possible.
  await wednesday.click();
  await expect(dialog.getByRole('group', { name: /PLACE PROPOSÉE/ })).toHaveCount(0);
  await expect(dialog.getByRole('listitem').filter({ hasText: 'Léo Lefèvre' })).toContainText('ACCEPTÉE');
  await expect(dialog.getByRole('button', { name: /Demander l’annulation/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  const confirmation = await waitForMail((m) => m.to.includes(DEMO_EMAIL) && /^Place acceptée — votre demande n° \d+/.test(m.subject));
  expect(confirmation.text).toContain(`${DAY_FR} — Léo Lefèvre — ALSH du mercredi — Journée (repas compris) : ACCEPTÉE`);
  expect(confirmation.text).toContain(PORTAL_URL);

  // The other family's offer is untouched: it still holds its own place.
  const theirs = await call<{ days: { date: string; bookings: { id: number; status: string; offerExpiresAt: string | null }[] }[] }>(
    otherParent,
    'GET',
    `/api/family/planning?from=${DAY}&to=${DAY}`,
    200,
  );
  expect(theirs.days[0]?.bookings).toEqual([expect.objectContaining({ id: first.lines[0]?.bookingId, status: 'waitlisted', offerExpiresAt: expect.any(String) })]);
});
