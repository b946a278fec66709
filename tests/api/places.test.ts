import { beforeEach, describe, expect, it } from 'vitest';
import { loadServiceInfos, PlaceBook } from '../../shared/bookings/context';
import { DEMO_PASSWORD } from '../../shared/demo/seed';
import { NEGATIVE_ANIMATORS_MESSAGE } from '../../shared/schemas/staffing';
import type { DayViewDto, MonthViewDto } from '../../shared/staffing/views';
import { demoHarness, type Demo } from '../support/bookings';
import { staffClient, type Client } from '../support/client';
import { NOW } from '../support/harness';

// Places from staffing (issue 6) against the demo commune: the ALSH du mercredi has 3 animators
// planned for the 3-5 ans and 2 for the 6-11 ans on the Wednesdays until 16 December (périscolaire
// ratios: 1/8 – 1/12 for the journée, a long session); the ALSH vacances (extrascolaire) has none.

const BASE = '/api/staff/places';

let d: Demo;
let agent: Client;
let mercredi: number;
let vacances: number;
let groups: Record<string, number>;

async function staff(email: string): Promise<Client> {
  const c = staffClient(d.h.backoffice);
  const res = await c.post('/api/staff/auth/login', { email, password: DEMO_PASSWORD });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return c;
}

beforeEach(async () => {
  d = await demoHarness();
  agent = await staff('agent@mairie.demo');
  mercredi = d.service('alsh_mercredi');
  vacances = d.service('alsh_vacances');
  const rows = await d.h.store.db.selectFrom('groups').select(['id', 'name', 'service_id']).execute();
  groups = Object.fromEntries(rows.map((g) => [`${g.service_id === mercredi ? 'mercredi' : g.service_id === vacances ? 'vacances' : g.service_id}/${g.name}`, g.id]));
});

const group = (key: string): number => {
  const id = groups[key];
  if (id === undefined) throw new Error(key);
  return id;
};

async function month(c: Client, serviceId: number, m: string): Promise<MonthViewDto> {
  const res = await c.get(`${BASE}/${serviceId}/month?month=${m}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as MonthViewDto;
}

async function day(c: Client, serviceId: number, date: string): Promise<DayViewDto> {
  const res = await c.get(`${BASE}/${serviceId}/days/${date}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as DayViewDto;
}

const cell = (view: MonthViewDto, date: string, groupId: number) => {
  const found = view.days.find((x) => x.date === date)?.cells.find((c) => c.groupId === groupId);
  if (!found) throw new Error(`${date} ${groupId}`);
  return found;
};

const figures = (view: DayViewDto, unitName: string, groupId: number) => {
  const found = view.units.find((u) => u.name === unitName)?.groups.find((g) => g.groupId === groupId);
  if (!found) throw new Error(`${unitName} ${groupId}`);
  return found;
};

const count = async () => ({
  plans: await d.h.store.db.selectFrom('staff_plans').selectAll().orderBy('id').execute(),
  audit: Number((await d.h.store.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
});

/** Children of the Lefèvre family born on `birthDate`, booked on a day with the given status. */
async function bookChildren(n: number, birthDate: string, date: string, unitId: number, groupId: number, status: 'accepted' | 'pending' | 'waitlisted'): Promise<void> {
  const db = d.h.store.db;
  const unit = await db.selectFrom('units').select(['service_id']).where('id', '=', unitId).executeTakeFirstOrThrow();
  const period = await db.selectFrom('periods').select('id').where('service_id', '=', unit.service_id).where('start_date', '<=', date).where('end_date', '>=', date).executeTakeFirstOrThrow();
  for (let i = 0; i < n; i += 1) {
    const child = await db
      .insertInto('children')
      .values({ last_name: 'Places', first_name: `Enfant ${i + 1}`, birth_date: birthDate, sex: null, school: null, class_level: null, notes: null, created_at: NOW, updated_at: NOW })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('family_children').values({ family_id: d.lefevre, child_id: child.id, linked_at: NOW }).execute();
    await db
      .insertInto('bookings')
      .values({ family_id: d.lefevre, child_id: child.id, service_id: unit.service_id, period_id: period.id, unit_id: unitId, group_id: groupId, date, status, status_reason: null, request_id: null, cancel_request_id: null, booked_by_staff_id: null, created_at: NOW, updated_at: NOW })
      .execute();
  }
}

const countPlan = (animators: number, qualified = animators, trainees = 0, directorCounted = false) => ({ mode: 'count', animators, qualified, trainees, directorCounted });

describe('roles', () => {
  it('refuses the animateur (403) and lets the agent and the admin in', async () => {
    const animateur = await staff('animateur@mairie.demo');
    expect((await animateur.get(`${BASE}/${mercredi}/month?month=2026-12`)).status).toBe(403);
    expect((await animateur.get(`${BASE}/${mercredi}/days/2026-12-02`)).status).toBe(403);
    const put = await animateur.put(`${BASE}/${mercredi}/plans/${group('mercredi/3-5 ans')}/2026-12-02`, countPlan(4));
    expect(put.status).toBe(403);
    const copy = await animateur.post(`${BASE}/${mercredi}/plans/copy`, { sourceDate: '2026-12-02', startDate: '2027-01-04', endDate: '2027-01-29', groupId: null });
    expect(copy.status).toBe(403);
    const admin = await staff('admin@mairie.demo');
    expect((await admin.get(`${BASE}/${mercredi}/month?month=2026-12`)).status).toBe(200);
    expect((await admin.put(`${BASE}/${mercredi}/plans/${group('mercredi/3-5 ans')}/2026-12-02`, countPlan(4))).status).toBe(200);
    expect((await agent.put(`${BASE}/${mercredi}/plans/${group('mercredi/3-5 ans')}/2026-12-09`, countPlan(4))).status).toBe(200);
    expect((await staffClient(d.h.backoffice).get(`${BASE}/${mercredi}/month?month=2026-12`)).status).toBe(401);
  });
});

describe('month and day views', () => {
  it('shows the demo Wednesdays with the places the planned animators allow, by unit', async () => {
    const view = await month(agent, mercredi, '2026-12');
    expect(view.service.name).toBe('ALSH du mercredi');
    expect(view.groups.map((g) => g.name)).toEqual(['3-5 ans', '6-11 ans']);
    // The Wednesdays of December before the Christmas holidays; Christmas is not a Wednesday.
    expect(view.days.map((x) => x.date)).toEqual(['2026-12-02', '2026-12-09', '2026-12-16']);
    // 3 animators × 8 under-sixes (journée, more than 5 hours), 2 × 12 from six.
    expect(cell(view, '2026-12-02', group('mercredi/3-5 ans'))).toMatchObject({ planned: 3, places: 24, unitName: 'Journée (repas compris)' });
    expect(cell(view, '2026-12-02', group('mercredi/6-11 ans'))).toMatchObject({ planned: 2, places: 24 });

    const today = await day(agent, mercredi, '2026-12-02');
    expect(today.open).toBe(true);
    // The morning is a short session: 1/10 and 1/14.
    expect(figures(today, 'Matin', group('mercredi/3-5 ans'))).toMatchObject({ ratio: { underSix: 10, sixPlus: 14 }, places: 30 });
    expect(figures(today, 'Matin', group('mercredi/6-11 ans'))).toMatchObject({ places: 28 });
    expect(today.groups[0]?.plan).toMatchObject({ animators: 3, qualified: 2, names: 'Yann Le Goff, Maëlle Hamon, Inès Riou' });
  });

  it('acceptance (extrascolaire): 8 under-sixes with one animator is full; the 9th needs a second animator', async () => {
    const date = '2026-12-21';
    const journee = d.unit('alsh_vacances/journee');
    const small = group('vacances/3-5 ans');
    expect((await agent.put(`${BASE}/${vacances}/plans/${small}/${date}`, countPlan(1))).status).toBe(200);
    await bookChildren(8, '2022-05-01', date, journee, small, 'accepted');
    await bookChildren(1, '2022-06-01', date, journee, small, 'pending');
    await bookChildren(2, '2022-07-01', date, journee, small, 'waitlisted');

    let view = await day(agent, vacances, date);
    expect(figures(view, 'Journée (repas compris)', small)).toMatchObject({
      booked: 8,
      bookedUnderSix: 8,
      pending: 1,
      waitlisted: 2,
      places: 8,
      left: 0,
      planned: 1,
      needed: 1,
      neededWithPending: 2,
      balance: 0,
    });
    expect(cell(await month(agent, vacances, '2026-12'), date, small)).toMatchObject({ status: 'full', places: 8, left: 0 });

    // The views agree with what parents get when they book (PlaceBook).
    const services = await loadServiceInfos(d.h.store.db, [vacances]);
    const info = services.get(vacances);
    if (!info) throw new Error('service');
    const unit = info.units.find((u) => u.id === journee);
    const groupInfo = info.groups.find((g) => g.id === small) ?? null;
    if (!unit) throw new Error('unit');
    const book = await PlaceBook.load(d.h.store.db, { unitIds: [journee], services: [info], from: date, to: date });
    expect(book.left(info, unit, date, { group: groupInfo, underSix: true }, null)).toBe(0);

    // The 9th child accepted by hand: one animator missing.
    await d.h.store.db.updateTable('bookings').set({ status: 'accepted' }).where('date', '=', date).where('status', '=', 'pending').execute();
    view = await day(agent, vacances, date);
    expect(figures(view, 'Journée (repas compris)', small)).toMatchObject({ booked: 9, places: 8, left: 0, needed: 2, balance: -1 });
    expect(cell(await month(agent, vacances, '2026-12'), date, small).status).toBe('missing');

    // A second animator: 16 places immediately (no cache); the two waiting lines take two of the
    // 7 places freed (waiting list promotion), 5 are left, in PlaceBook too.
    const res = await agent.put(`${BASE}/${vacances}/plans/${small}/${date}`, countPlan(2));
    expect(res.status).toBe(200);
    expect(figures((res.body as { day: DayViewDto }).day, 'Journée (repas compris)', small)).toMatchObject({ places: 16, booked: 11, waitlisted: 0, left: 5, needed: 2, balance: 0 });
    expect(cell(await month(agent, vacances, '2026-12'), date, small)).toMatchObject({ status: 'ok', places: 16, left: 5 });
    const after = await PlaceBook.load(d.h.store.db, { unitIds: [journee], services: [info], from: date, to: date });
    expect(after.left(info, unit, date, { group: groupInfo, underSix: true }, null)).toBe(5);
  });

  it('promotes the waiting list, in arrival order, when more animators free places', async () => {
    const date = '2026-12-28';
    const journee = d.unit('alsh_vacances/journee');
    const small = group('vacances/3-5 ans');
    await d.h.store.db.updateTable('services').set({ no_place_policy: 'waitlist', waitlist_promotion: 'automatic' }).where('id', '=', vacances).execute();
    expect((await agent.put(`${BASE}/${vacances}/plans/${small}/${date}`, countPlan(1))).status).toBe(200);
    await bookChildren(8, '2022-05-01', date, journee, small, 'accepted');
    await bookChildren(2, '2022-07-01', date, journee, small, 'waitlisted');
    const outbox = async () => Number((await d.h.store.db.selectFrom('email_outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const mails = await outbox();

    // Same staff again: nothing moves.
    expect((await agent.put(`${BASE}/${vacances}/plans/${small}/${date}`, countPlan(1))).status).toBe(200);
    expect(figures(await day(agent, vacances, date), 'Journée (repas compris)', small)).toMatchObject({ booked: 8, waitlisted: 2 });

    const res = await agent.put(`${BASE}/${vacances}/plans/${small}/${date}`, countPlan(2));
    expect(res.status).toBe(200);
    expect(figures((res.body as { day: DayViewDto }).day, 'Journée (repas compris)', small)).toMatchObject({ booked: 10, waitlisted: 0, places: 16, left: 6 });
    expect(await outbox()).toBeGreaterThan(mails);
  });

  it('caps the places by the group’s maximum', async () => {
    const date = '2026-12-22';
    const small = group('vacances/3-5 ans');
    await agent.put(`${BASE}/${vacances}/plans/${small}/${date}`, countPlan(10));
    const view = await day(agent, vacances, date);
    // 10 × 8 = 80, but the group takes 48 children.
    expect(figures(view, 'Journée (repas compris)', small)).toMatchObject({ places: 48, planned: 10 });
  });

  it('refuses a bad month or date', async () => {
    const res = await agent.get(`${BASE}/${mercredi}/month?month=2026-13`);
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('Mois invalide : format attendu AAAA-MM.');
    expect((await agent.get(`${BASE}/${mercredi}/days/2026-02-30`)).status).toBe(400);
    expect((await agent.get(`${BASE}/999/month?month=2026-12`)).status).toBe(404);
  });
});

describe('setting a plan', () => {
  it('by name, with the director counted: the ratio counts one more person, the names and qualifications are kept', async () => {
    const small = group('mercredi/3-5 ans');
    const res = await agent.put(`${BASE}/${mercredi}/plans/${small}/2026-12-02`, {
      mode: 'names',
      members: [
        { name: 'Yann Le Goff', qualification: 'bafa' },
        { name: 'Maëlle Hamon', qualification: 'stagiaire' },
        { name: 'Inès Riou', qualification: 'bafa' },
        { name: 'Lou Briand', qualification: 'bafa' },
      ],
      directorCounted: true,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.plan).toMatchObject({ mode: 'names', animators: 4, qualified: 3, trainees: 1, unqualified: 0, directorCounted: true, countedInRatio: 5, warnings: [] });
    // 5 × 8 = 40 places for the journée.
    expect(figures(res.body.day as DayViewDto, 'Journée (repas compris)', small)).toMatchObject({ planned: 5, places: 40 });
    const row = await d.h.store.db.selectFrom('staff_plans').selectAll().where('group_id', '=', small).where('date', '=', '2026-12-02').executeTakeFirstOrThrow();
    // PlaceBook reads `animators`: the people counted in the ratio.
    expect(row).toMatchObject({ animators: 5, qualified: 3, trainees: 1, director_counted: 1, names: 'Yann Le Goff, Maëlle Hamon, Inès Riou, Lou Briand' });
    const audit = await d.h.store.db.selectFrom('audit_log').selectAll().where('action', '=', 'staff_plan.set').executeTakeFirstOrThrow();
    expect(audit.changes).toContain('4 animateurs (3 BAFA, 1 stagiaire), directeur compté');
    expect(audit.changes).not.toContain('Lou Briand');
  });

  it('warns about the qualification rule without refusing', async () => {
    const res = await agent.put(`${BASE}/${mercredi}/plans/${group('mercredi/6-11 ans')}/2026-12-02`, countPlan(5, 2, 0));
    expect(res.status).toBe(200);
    expect(res.body.plan.warnings).toEqual([
      'Moins de la moitié des animateurs sont diplômés (BAFA ou équivalent) : 2 sur 5, il en faut au moins 3.',
      'Plus de 20 % des animateurs sont sans qualification : 3 sur 5, 1 au plus.',
    ]);
  });

  it('bad input: clear French message, nothing changed', async () => {
    const small = group('mercredi/3-5 ans');
    const before = await count();
    const cases: [string, unknown, number, string][] = [
      [`${BASE}/${mercredi}/plans/${small}/2026-12-02`, countPlan(-1, 0), 400, NEGATIVE_ANIMATORS_MESSAGE],
      [`${BASE}/${mercredi}/plans/${small}/2026-12-02`, countPlan(2, 2, 1), 400, 'Les animateurs diplômés et stagiaires ne peuvent pas être plus nombreux que les animateurs.'],
      [`${BASE}/${mercredi}/plans/${small}/2026-12-02`, { ...countPlan(2), extra: 1 }, 400, 'Champ non reconnu : « extra ».'],
      [`${BASE}/${mercredi}/plans/${small}/2026-08-05`, countPlan(2), 400, 'Le 05/08/2026 est en dehors des périodes du service « ALSH du mercredi ».'],
      [`${BASE}/${mercredi}/plans/${small}/2026-12-01`, countPlan(2), 400, "Le service « ALSH du mercredi » n'accueille pas d'enfants le 01/12/2026 (Pas d'accueil ce jour-là)."],
      [`${BASE}/${mercredi}/plans/${small}/2026-11-11`, countPlan(2), 400, "Le service « ALSH du mercredi » n'accueille pas d'enfants le 11/11/2026 (Jour férié : Armistice 1918)."],
      [`${BASE}/${mercredi}/plans/${group('vacances/3-5 ans')}/2026-12-02`, countPlan(2), 404, "Ce groupe n'existe pas dans le service « ALSH du mercredi »."],
      [`${BASE}/${mercredi}/plans/999999/2026-12-02`, countPlan(2), 404, "Ce groupe n'existe pas dans le service « ALSH du mercredi »."],
      [`${BASE}/999/plans/${small}/2026-12-02`, countPlan(2), 404, 'Ce service est introuvable.'],
    ];
    for (const [url, body, status, message] of cases) {
      const res = await agent.put(url, body);
      expect(res.status, url).toBe(status);
      expect(res.body.message, url).toBe(message);
    }
    expect(await count()).toEqual(before);
  });

  it('counts the director in one group a day at most', async () => {
    const small = group('mercredi/3-5 ans');
    const big = group('mercredi/6-11 ans');
    expect((await agent.put(`${BASE}/${mercredi}/plans/${small}/2026-12-02`, countPlan(2, 2, 0, true))).status).toBe(200);
    const before = await count();
    const res = await agent.put(`${BASE}/${mercredi}/plans/${big}/2026-12-02`, countPlan(2, 2, 0, true));
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('Le 02/12/2026, le directeur serait compté dans deux groupes (« 3-5 ans » et « 6-11 ans ») : il ne peut compter que dans un seul.');
    expect(await count()).toEqual(before);
  });

  it('removes a plan: the ratio no longer limits the day', async () => {
    const small = group('mercredi/3-5 ans');
    expect((await agent.send('delete', `${BASE}/${mercredi}/plans/${small}/2026-12-02`)).status).toBe(204);
    const view = await day(agent, mercredi, '2026-12-02');
    expect(view.groups[0]?.plan).toBeNull();
    expect(figures(view, 'Journée (repas compris)', small)).toMatchObject({ planned: null, places: 48 });
    expect((await agent.send('delete', `${BASE}/${mercredi}/plans/${small}/2026-12-02`)).status).toBe(404);
  });
});

describe('copying a plan', () => {
  it('copies one day onto every opening day of a range, skipping the closed ones, in one action', async () => {
    const small = group('vacances/3-5 ans');
    const big = group('vacances/6-11 ans');
    await agent.put(`${BASE}/${vacances}/plans/${small}/2026-12-21`, countPlan(2, 1, 1));
    await agent.put(`${BASE}/${vacances}/plans/${big}/2026-12-21`, countPlan(3, 2, 1, true));
    const view = await month(agent, vacances, '2026-12');
    const openDays = view.days.filter((x) => x.open).map((x) => x.date);
    const last = openDays[openDays.length - 1] ?? '';
    const res = await agent.post(`${BASE}/${vacances}/plans/copy`, { sourceDate: '2026-12-21', startDate: '2026-12-21', endDate: last, groupId: null });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.dates).toEqual(openDays.filter((x) => x !== '2026-12-21'));
    expect(res.body.written).toBe(2 * (openDays.length - 1));
    expect(res.body.dates).not.toContain('2026-12-25');
    const after = await month(agent, vacances, '2026-12');
    for (const date of openDays) {
      expect(cell(after, date, small)).toMatchObject({ planned: 2, places: 16 });
      // 3 animators and the director: 4 × 12.
      expect(cell(after, date, big)).toMatchObject({ planned: 4, places: 48 });
    }
  });

  it('copies one group over the Wednesdays of a month', async () => {
    const small = group('mercredi/3-5 ans');
    await agent.put(`${BASE}/${mercredi}/plans/${small}/2026-12-02`, countPlan(4));
    const res = await agent.post(`${BASE}/${mercredi}/plans/copy`, { sourceDate: '2026-12-02', startDate: '2027-01-04', endDate: '2027-01-29', groupId: small });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ dates: ['2027-01-06', '2027-01-13', '2027-01-20', '2027-01-27'], groupIds: [small], written: 4 });
    const view = await month(agent, mercredi, '2027-01');
    expect(view.days.map((x) => cell(view, x.date, small).planned)).toEqual([4, 4, 4, 4]);
    expect(view.days.map((x) => cell(view, x.date, group('mercredi/6-11 ans')).planned)).toEqual([null, null, null, null]);
  });

  it('bad input: nothing to copy, an end outside the periods, a range without opening day, a director twice — nothing changed', async () => {
    const before = await count();
    const small = group('mercredi/3-5 ans');
    const cases: [unknown, string][] = [
      [{ sourceDate: '2027-01-06', startDate: '2027-01-04', endDate: '2027-01-29', groupId: null }, "Aucun encadrement n'est saisi le 06/01/2027 : rien à copier."],
      [{ sourceDate: '2026-12-02', startDate: '2027-01-04', endDate: '2027-08-29', groupId: small }, 'Le 29/08/2027 est en dehors des périodes du service « ALSH du mercredi ».'],
      [{ sourceDate: '2026-12-02', startDate: '2027-01-04', endDate: '2027-01-05', groupId: small }, "Du 04/01/2027 au 05/01/2027, le service « ALSH du mercredi » n'a aucun autre jour d'ouverture."],
      [{ sourceDate: '2026-12-02', startDate: '2027-01-29', endDate: '2027-01-04', groupId: small }, 'La date de fin doit être postérieure ou égale à la date de début.'],
      [{ sourceDate: '2026-12-02', startDate: '2027-01-04', endDate: '2027-01-29', groupId: group('vacances/3-5 ans') }, "Ce groupe n'existe pas dans le service « ALSH du mercredi »."],
    ];
    for (const [body, message] of cases) {
      const res = await agent.post(`${BASE}/${mercredi}/plans/copy`, body);
      expect(res.status, message).toBe(400);
      expect(res.body.message).toBe(message);
    }
    expect(await count()).toEqual(before);

    // The director counted in the 3-5 ans on 2 December, and in the 6-11 ans on 9 December.
    const big = group('mercredi/6-11 ans');
    await agent.put(`${BASE}/${mercredi}/plans/${small}/2026-12-02`, countPlan(2, 2, 0, true));
    await agent.put(`${BASE}/${mercredi}/plans/${big}/2026-12-09`, countPlan(2, 2, 0, true));
    const middle = await count();
    const res = await agent.post(`${BASE}/${mercredi}/plans/copy`, { sourceDate: '2026-12-02', startDate: '2026-12-09', endDate: '2026-12-16', groupId: small });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('Le 09/12/2026, le directeur serait compté dans deux groupes (« 3-5 ans » et « 6-11 ans ») : il ne peut compter que dans un seul.');
    expect(await count()).toEqual(middle);
  });
});

