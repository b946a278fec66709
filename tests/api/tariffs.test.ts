import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { staffClient, type Client } from '../support/client';
import { addFamily, addStaff, createHarness, NOW, PASSWORD, type Harness } from '../support/harness';

// The harness clock is 2026-11-26: a grid from 2026-09-01 is in force, one from 2027-09-01 is to come.

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(() => h.close());

const DAY_MS = 86_400_000;

async function staff(role: 'admin' | 'agent' | 'animateur'): Promise<Client> {
  const email = `${role}@mairie.test`;
  await addStaff(h.store, email, role);
  const client = staffClient(h.backoffice);
  expect((await client.post('/api/staff/auth/login', { email, password: PASSWORD })).status).toBe(200);
  return client;
}

async function service(code: string, units: string[]): Promise<{ id: number; units: number[] }> {
  const row = await h.store.db
    .insertInto('services')
    .values({
      code,
      name: code === 'restauration' ? 'Restauration scolaire' : 'Accueil périscolaire',
      kind: code === 'restauration' ? 'restauration' : 'periscolaire',
      ratio_regime: 'none',
      approval_mode: 'automatic',
      late_booking_policy: 'surcharge',
      late_cancellation_policy: 'billed',
      created_at: NOW,
      updated_at: NOW,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const ids: number[] = [];
  for (const [i, unit] of units.entries()) {
    const u = await h.store.db
      .insertInto('units')
      .values({ service_id: row.id, code: unit, name: unit === 'repas' ? 'Repas' : unit, sort_order: i })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(u.id);
  }
  return { id: row.id, units: ids };
}

interface BracketBody {
  label: string;
  qfMin: number;
  qfMax: number | null;
  outsideCommune: boolean;
  prices: Record<string, number>;
}

/** The demo's brackets for one unit: 0–600, 601–1000, 1001–1500, 1501+, Extérieur. */
function brackets(unitId: number, prices: [number, number, number, number, number] = [120, 250, 340, 415, 550]): BracketBody[] {
  const p = (cents: number) => ({ [String(unitId)]: cents });
  return [
    { label: 'QF de 0 à 600', qfMin: 0, qfMax: 600, outsideCommune: false, prices: p(prices[0]) },
    { label: 'QF de 601 à 1000', qfMin: 601, qfMax: 1000, outsideCommune: false, prices: p(prices[1]) },
    { label: 'QF de 1001 à 1500', qfMin: 1001, qfMax: 1500, outsideCommune: false, prices: p(prices[2]) },
    { label: 'QF de 1501 et plus', qfMin: 1501, qfMax: null, outsideCommune: false, prices: p(prices[3]) },
    { label: 'Extérieur', qfMin: 0, qfMax: null, outsideCommune: true, prices: p(prices[4]) },
  ];
}

const tableCounts = async () => ({
  grids: (await h.store.db.selectFrom('tariff_grids').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
  brackets: (await h.store.db.selectFrom('tariff_brackets').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
  prices: (await h.store.db.selectFrom('tariff_prices').select(['bracket_id', 'unit_id', 'price_cents']).orderBy('bracket_id').execute()),
  audit: (await h.store.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'tariff_grid').execute()).map((r) => r.action),
});

describe('tariff grids', () => {
  it('the admin creates a grid, reads it back, edits it; each change is audited', async () => {
    const admin = await staff('admin');
    const resto = await service('restauration', ['repas']);
    const repas = String(resto.units[0]);

    // Brackets may come in any order: they are stored by QF, the Extérieur one last.
    const body = { serviceId: resto.id, name: 'Tarifs 2027-2028', validFrom: '2027-09-01', brackets: brackets(Number(repas)).reverse() };
    const created = await admin.post('/api/staff/tariffs/grids', body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      serviceId: resto.id,
      name: 'Tarifs 2027-2028',
      validFrom: '2027-09-01',
      validUntil: null,
      status: 'upcoming',
      editable: true,
      service: { id: resto.id, name: 'Restauration scolaire' },
      units: [{ id: Number(repas), name: 'Repas', active: true }],
    });
    expect(created.body.brackets.map((b: BracketBody) => [b.label, b.qfMin, b.qfMax, b.outsideCommune, b.prices[repas]])).toEqual([
      ['QF de 0 à 600', 0, 600, false, 120],
      ['QF de 601 à 1000', 601, 1000, false, 250],
      ['QF de 1001 à 1500', 1001, 1500, false, 340],
      ['QF de 1501 et plus', 1501, null, false, 415],
      ['Extérieur', 0, null, true, 550],
    ]);

    const id = created.body.id as number;
    const edited = await admin.put(`/api/staff/tariffs/grids/${id}`, {
      name: 'Tarifs 2027-2028',
      validFrom: '2027-09-01',
      brackets: brackets(Number(repas), [130, 250, 340, 415, 550]),
    });
    expect(edited.status).toBe(200);
    expect(edited.body.brackets[0].prices[repas]).toBe(130);

    const overview = await admin.get('/api/staff/tariffs');
    expect(overview.status).toBe(200);
    expect(overview.body.today).toBe('2026-11-26');
    const svc = overview.body.services.find((s: { id: number }) => s.id === resto.id);
    expect(svc.grids).toEqual([
      { id, serviceId: resto.id, name: 'Tarifs 2027-2028', validFrom: '2027-09-01', validUntil: null, status: 'upcoming', editable: true },
    ]);

    const audit = await h.store.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'tariff_grid').orderBy('id').execute();
    expect(audit.map((a) => [a.action, a.entity_id, a.actor_type])).toEqual([
      ['tariff_grid.created', id, 'staff'],
      ['tariff_grid.updated', id, 'staff'],
    ]);
    expect(JSON.parse(audit[1]?.changes ?? '{}')).toEqual({ 'tarif QF de 0 à 600 / Repas': [120, 130] });

    // Saving the same grid again changes nothing and writes nothing.
    await admin.put(`/api/staff/tariffs/grids/${id}`, { name: 'Tarifs 2027-2028', validFrom: '2027-09-01', brackets: brackets(Number(repas), [130, 250, 340, 415, 550]) });
    expect((await tableCounts()).audit).toHaveLength(2);
  });

  describe('bad input is refused with a clear sentence and changes nothing', () => {
    async function setup() {
      const admin = await staff('admin');
      const resto = await service('restauration', ['repas']);
      const unit = resto.units[0] ?? 0;
      const created = await admin.post('/api/staff/tariffs/grids', { serviceId: resto.id, name: 'Tarifs 2027-2028', validFrom: '2027-09-01', brackets: brackets(unit) });
      expect(created.status).toBe(201);
      return { admin, resto, unit, id: created.body.id as number, before: await tableCounts() };
    }

    it('overlapping brackets, naming both', async () => {
      const { admin, unit, id, before } = await setup();
      const overlapping = brackets(unit);
      overlapping[2] = { ...overlapping[2]!, qfMin: 900 };
      const res = await admin.put(`/api/staff/tariffs/grids/${id}`, { name: 'Tarifs 2027-2028', validFrom: '2027-09-01', brackets: overlapping });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: 'validation', message: 'Les tranches de QF se chevauchent : 601–1000 et 900–1500.' });
      expect(res.body.issues).toEqual(
        expect.arrayContaining([
          { path: 'brackets.2.qfMin', message: 'Les tranches de QF se chevauchent : 601–1000 et 900–1500.' },
          { path: 'brackets.1.qfMax', message: 'Les tranches de QF se chevauchent : 601–1000 et 900–1500.' },
        ]),
      );
      expect(await tableCounts()).toEqual(before);
    });

    it('a gap between brackets', async () => {
      const { admin, resto, unit, before } = await setup();
      const gap = brackets(unit);
      gap[2] = { ...gap[2]!, qfMin: 1101 };
      const res = await admin.post('/api/staff/tariffs/grids', { serviceId: resto.id, name: 'Tarifs 2028', validFrom: '2028-01-01', brackets: gap });
      expect(res.status).toBe(400);
      expect(res.body.message).toBe(
        "Les tranches de QF laissent un trou entre 601–1000 et 1101–1500 : les QF de 1001 à 1100 n'auraient pas de tarif.",
      );
      expect(await tableCounts()).toEqual(before);
    });

    it('a negative price', async () => {
      const { admin, unit, id, before } = await setup();
      const negative = brackets(unit, [120, -250, 340, 415, 550]);
      const res = await admin.put(`/api/staff/tariffs/grids/${id}`, { name: 'Tarifs 2027-2028', validFrom: '2027-09-01', brackets: negative });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ message: 'Un tarif ne peut pas être négatif.', issues: [{ path: `brackets.1.prices.${unit}` }] });
      expect(await tableCounts()).toEqual(before);
    });

    it('a date of effect already past, a date another grid has, a unit of another service, an unknown field', async () => {
      const { admin, resto, unit, id, before } = await setup();
      const past = await admin.post('/api/staff/tariffs/grids', { serviceId: resto.id, name: 'Rétroactif', validFrom: '2026-11-25', brackets: brackets(unit) });
      expect(past.status).toBe(400);
      expect(past.body.message).toMatch(/^La date d'effet ne peut pas être passée/);

      const clash = await admin.post('/api/staff/tariffs/grids', { serviceId: resto.id, name: 'Doublon', validFrom: '2027-09-01', brackets: brackets(unit) });
      expect(clash.status).toBe(409);
      expect(clash.body.message).toBe(
        'La grille « Tarifs 2027-2028 » de ce service commence déjà le 01/09/2027 : modifiez-la ou choisissez une autre date.',
      );

      const peri = await service('periscolaire', ['matin']);
      const foreign = await admin.put(`/api/staff/tariffs/grids/${id}`, { name: 'Tarifs 2027-2028', validFrom: '2027-09-01', brackets: brackets(peri.units[0] ?? 0) });
      expect(foreign.status).toBe(400);
      expect(foreign.body.message).toBe("Cette prestation n'appartient pas au service « Restauration scolaire ».");

      const extra = await admin.put(`/api/staff/tariffs/grids/${id}`, { name: 'X', validFrom: '2027-09-01', brackets: brackets(unit), serviceId: peri.id });
      expect(extra.status).toBe(400);
      expect(await tableCounts()).toEqual(before);
    });
  });

  it('a grid in force cannot be edited nor deleted: next year’s grid is prepared from it and leaves its prices alone', async () => {
    const admin = await staff('admin');
    const resto = await service('restauration', ['repas']);
    const unit = resto.units[0] ?? 0;
    const created = await admin.post('/api/staff/tariffs/grids', { serviceId: resto.id, name: 'Tarifs de décembre', validFrom: '2026-12-01', brackets: brackets(unit) });
    expect(created.status).toBe(201);
    const id = created.body.id as number;
    const { familyId } = await addFamily(h.store, 'parent@example.test');
    await h.store.db.updateTable('families').set({ qf: 700, qf_valid_until: '2027-08-31' }).where('id', '=', familyId).execute();

    h.clock.advance(6 * DAY_MS); // 2 December 2026: the grid is in force (and the staff session has expired).
    expect((await admin.post('/api/staff/auth/login', { email: 'admin@mairie.test', password: PASSWORD })).status).toBe(200);
    const before = await tableCounts();
    const edit = await admin.put(`/api/staff/tariffs/grids/${id}`, { name: 'Tarifs de décembre', validFrom: '2026-12-01', brackets: brackets(unit, [1, 1, 1, 1, 1]) });
    expect(edit.status).toBe(409);
    expect(edit.body.message).toBe(
      "La grille « Tarifs de décembre » s'applique depuis le 01/12/2026 : des réservations ont pu être tarifées avec elle, elle ne peut plus être modifiée. Pour changer les tarifs, créez une nouvelle grille à partir d'une date à venir (« Préparer la grille suivante »).",
    );
    expect((await admin.send('delete', `/api/staff/tariffs/grids/${id}`)).status).toBe(409);
    expect(await tableCounts()).toEqual(before);

    const read = await admin.get(`/api/staff/tariffs/grids/${id}`);
    expect(read.body).toMatchObject({ status: 'current', editable: false });

    const copy = await admin.post(`/api/staff/tariffs/grids/${id}/copy`, { validFrom: '2027-09-01' });
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({ name: 'Tarifs 2027-2028', validFrom: '2027-09-01', status: 'upcoming', editable: true });
    const nextId = copy.body.id as number;
    const next = brackets(unit, [130, 260, 355, 430, 575]);
    expect((await admin.put(`/api/staff/tariffs/grids/${nextId}`, { name: 'Tarifs 2027-2028', validFrom: '2027-09-01', brackets: next })).status).toBe(200);

    const quote = (date: string) => admin.get(`/api/staff/tariffs/quote?serviceId=${resto.id}&unitId=${unit}&familyId=${familyId}&date=${date}`);
    expect((await quote('2027-06-15')).body).toMatchObject({ kind: 'price', priceCents: 250, bracketLabel: 'QF de 601 à 1000', reason: 'qf', gridId: id });
    expect((await quote('2027-08-31')).body).toMatchObject({ priceCents: 250, gridId: id });
    // From the new grid's first day on, the family's QF has expired: the highest bracket applies.
    expect((await quote('2027-09-01')).body).toMatchObject({ priceCents: 430, reason: 'qf_expired', gridId: nextId });
    expect((await quote('2026-11-30')).body).toMatchObject({ kind: 'no_price', cause: 'no_grid' });

    const overview = await admin.get('/api/staff/tariffs');
    const grids = overview.body.services[0].grids;
    expect(grids.map((g: { id: number; status: string; validUntil: string | null; editable: boolean }) => [g.id, g.status, g.validUntil, g.editable])).toEqual([
      [id, 'current', '2027-08-31', false],
      [nextId, 'upcoming', null, true],
    ]);
    // The grid in force still has its prices.
    const current = await admin.get(`/api/staff/tariffs/grids/${id}`);
    expect(current.body.brackets.map((b: BracketBody) => b.prices[String(unit)])).toEqual([120, 250, 340, 415, 550]);

    // A grid prepared by mistake can be deleted while it is still to come.
    expect((await admin.send('delete', `/api/staff/tariffs/grids/${nextId}`)).status).toBe(204);
    expect((await admin.get(`/api/staff/tariffs/grids/${nextId}`)).status).toBe(404);
  });

  it('agents read but get 403 on every write; animateurs get 403 on reads too', async () => {
    const admin = await staff('admin');
    const resto = await service('restauration', ['repas']);
    const unit = resto.units[0] ?? 0;
    const created = await admin.post('/api/staff/tariffs/grids', { serviceId: resto.id, name: 'Tarifs 2027-2028', validFrom: '2027-09-01', brackets: brackets(unit) });
    const id = created.body.id as number;
    const before = await tableCounts();

    const agent = await staff('agent');
    expect((await agent.get('/api/staff/tariffs')).status).toBe(200);
    expect((await agent.get(`/api/staff/tariffs/grids/${id}`)).status).toBe(200);
    const body = { name: 'Tarifs 2027-2028', validFrom: '2027-09-01', brackets: brackets(unit, [1, 1, 1, 1, 1]) };
    expect((await agent.post('/api/staff/tariffs/grids', { ...body, serviceId: resto.id, validFrom: '2028-09-01' })).status).toBe(403);
    expect((await agent.put(`/api/staff/tariffs/grids/${id}`, body)).status).toBe(403);
    expect((await agent.post(`/api/staff/tariffs/grids/${id}/copy`, { validFrom: '2028-09-01' })).status).toBe(403);
    expect((await agent.send('delete', `/api/staff/tariffs/grids/${id}`)).status).toBe(403);
    expect(await tableCounts()).toEqual(before);

    const animateur = await staff('animateur');
    expect((await animateur.get('/api/staff/tariffs')).status).toBe(403);
  });

  it('answers 404 for an unknown grid', async () => {
    const admin = await staff('admin');
    expect((await admin.get('/api/staff/tariffs/grids/999')).status).toBe(404);
    expect((await admin.post('/api/staff/tariffs/grids/999/copy', { validFrom: '2027-09-01' })).status).toBe(404);
  });
});
