import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addFamily, PASSWORD } from '../support/harness';
import type { Client } from '../support/client';
import { parentClient } from '../support/client';
import { book, cancel, demoHarness, lefevreClient, login, moreauClient, snapshot, type Demo } from '../support/bookings';

/* Who may book what, and every bad input refused with a French sentence, nothing written. */

let d: Demo;
let c: Client;
beforeEach(async () => {
  d = await demoHarness();
  c = await lefevreClient(d.h);
});
afterEach(() => d.h.close());

const submit = (client: Client, body: unknown) => client.post('/api/family/requests', body);

/** The request is refused with this status and nothing at all is written. */
async function refusedUnchanged(client: Client, body: unknown, status: number) {
  const before = await snapshot(d.h);
  const previewed = await client.post('/api/family/requests/preview', body);
  const res = await submit(client, body);
  expect(previewed.status).toBe(status);
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.message).toEqual(previewed.body.message);
  expect(await snapshot(d.h)).toEqual(before);
  return res;
}

const leoJourneeDec16 = async () =>
  d.h.store.db
    .selectFrom('bookings')
    .select(['id', 'family_id'])
    .where('child_id', '=', d.leo)
    .where('date', '=', '2026-12-16')
    .where('unit_id', '=', d.unit('alsh_mercredi/journee'))
    .executeTakeFirstOrThrow();

describe('garde alternée', () => {
  it('each family sees the other’s bookings of the shared child, flagged, and cannot cancel them', async () => {
    const theirs = await leoJourneeDec16();
    expect(theirs.family_id).toBe(d.moreau);
    const planning = await c.get(`/api/family/booking/planning?childId=${d.leo}&periodId=${d.period('Mercredis 2026-2027')}`);
    expect(planning.body.today).toBe('2026-11-26');
    const dec16 = planning.body.days.find((x: { date: string }) => x.date === '2026-12-16');
    expect(dec16.bookings).toEqual([expect.objectContaining({ id: theirs.id, otherFamily: true })]);

    const res = await refusedUnchanged(c, { lines: [cancel(theirs.id)] }, 404);
    expect(res.body).toMatchObject({ error: 'not_found', message: 'Ligne 1 : Cette réservation est introuvable.' });

    // The other parent sees this family's bookings the same way, and may cancel their own.
    const moreau = await moreauClient(d.h);
    const overview = await moreau.get('/api/family/planning?from=2026-12-01&to=2026-12-31');
    const dec9 = overview.body.days.find((x: { date: string }) => x.date === '2026-12-09');
    expect(dec9.bookings).toEqual([expect.objectContaining({ childName: 'Léo Lefèvre', otherFamily: true })]);
    expect(JSON.stringify(overview.body)).not.toContain('Jade');
    const own = await submit(moreau, { lines: [cancel(theirs.id)] });
    expect(own.status).toBe(201);
    expect(own.body.lines[0].outcome).toBe('cancelled');
  });

  it('a day the other family already booked cannot be booked twice', async () => {
    const res = await refusedUnchanged(c, { lines: [book(d.leo, '2026-12-16', d.unit('alsh_mercredi/journee'))] }, 400);
    expect(res.body.issues).toEqual([
      { path: 'lines.0', message: 'Léo a déjà une réservation « Journée (repas compris) » le 16/12/2026 (réservation liée à un autre compte).' },
    ]);
  });

  it('the other family books the shared child at its own QF', async () => {
    const moreau = await moreauClient(d.h);
    const res = await submit(moreau, { lines: [book(d.leo, '2027-01-13', d.unit('alsh_mercredi/journee'))] });
    expect(res.status).toBe(201);
    // Moreau: QF 540 → 6 € the day; Lefèvre (QF 780) pays 9 €.
    expect(res.body.lines[0]).toMatchObject({ priceCents: 600, outcome: 'pending' });
    const row = await d.h.store.db.selectFrom('bookings').select('family_id').where('id', '=', res.body.lines[0].bookingId).executeTakeFirstOrThrow();
    expect(row.family_id).toBe(d.moreau);
  });
});

describe('cross-family access', () => {
  it('booking for a child of another family → 400 naming the line, nothing written', async () => {
    const moreau = await moreauClient(d.h);
    const res = await refusedUnchanged(moreau, { lines: [book(d.leo, '2027-01-13', d.unit('alsh_mercredi/journee')), book(d.jade, '2026-12-07', d.unit('restauration/repas'))] }, 400);
    expect(res.body.issues).toEqual([{ path: 'lines.1', message: "Cet enfant n'est pas rattaché à votre compte." }]);
  });

  it('cancelling another family’s booking → 404, nothing written', async () => {
    const jade = await d.h.store.db.selectFrom('bookings').select('id').where('child_id', '=', d.jade).where('date', '=', '2026-12-09').executeTakeFirstOrThrow();
    const moreau = await moreauClient(d.h);
    const res = await refusedUnchanged(moreau, { lines: [cancel(jade.id)] }, 404);
    expect(res.body.error).toBe('not_found');
    expect(JSON.stringify(res.body)).not.toContain('Jade');
    // An id that does not exist looks the same.
    await refusedUnchanged(moreau, { lines: [cancel(999_999)] }, 404);
  });

  it('a child of another (unrelated) family', async () => {
    const stranger = await d.h.store.db
      .selectFrom('family_children as fc')
      .select(['fc.child_id'])
      .where('fc.family_id', 'not in', [d.lefevre, d.moreau])
      .executeTakeFirstOrThrow();
    const res = await refusedUnchanged(c, { lines: [book(stranger.child_id, '2026-12-07', d.unit('restauration/repas'))] }, 400);
    expect(res.body.message).toBe("Ligne 1 : Cet enfant n'est pas rattaché à votre compte.");
  });

  it('a family not validated yet → 403 with its status, on every reservation endpoint', async () => {
    await addFamily(d.h.store, 'attente@example.fr', 'awaiting_validation');
    const waiting = await login(d.h, 'attente@example.fr', PASSWORD);
    const message = 'Votre dossier est en cours de validation par le pôle enfance-jeunesse. La partie « Réservations » sera accessible dès sa validation.';
    for (const [method, url] of [
      ['get', '/api/family/booking/catalog'],
      ['get', `/api/family/booking/planning?childId=${d.leo}&periodId=1`],
      ['get', '/api/family/planning?from=2026-12-01&to=2026-12-31'],
      ['get', '/api/family/requests'],
      ['post', '/api/family/requests/preview'],
      ['post', '/api/family/requests'],
      ['post', '/api/family/calendar-link'],
    ] as const) {
      const res = method === 'get' ? await waiting.get(url) : await waiting.post(url, { lines: [book(d.leo, '2027-01-13', d.unit('alsh_mercredi/journee'))] });
      expect(res.status, url).toBe(403);
      expect(res.body).toEqual({ error: 'forbidden', message });
    }
  });

  it('without a session → 401', async () => {
    const anonymous = parentClient(d.h.portal);
    expect((await anonymous.get('/api/family/booking/catalog')).status).toBe(401);
    expect((await anonymous.get('/api/family/requests')).status).toBe(401);
  });
});

describe('bad input: a clear French sentence, nothing written', () => {
  it('a date outside the period', async () => {
    const res = await refusedUnchanged(c, { lines: [book(d.jade, '2027-08-30', d.unit('restauration/repas'))] }, 400);
    expect(res.body.message).toBe('Ligne 1 : Le 30/08/2027 est en dehors des périodes de réservation du service « Restauration scolaire ».');
  });

  it('a closed day (24 December at the ALSH vacances)', async () => {
    const res = await refusedUnchanged(c, { lines: [book(d.leo, '2026-12-24', d.unit('alsh_vacances/journee'))] }, 400);
    expect(res.body.issues).toEqual([
      { path: 'lines.0', message: "Le 24/12/2026 n'est pas un jour d'accueil du service « ALSH vacances » : Accueil de loisirs fermé la veille de Noël." },
    ]);
  });

  it('a public holiday, school holidays, a weekend', async () => {
    const ascension = await refusedUnchanged(c, { lines: [book(d.jade, '2027-05-06', d.unit('restauration/repas'))] }, 400);
    expect(ascension.body.issues[0].message).toBe("Le 06/05/2027 n'est pas un jour d'accueil du service « Restauration scolaire » : Jour férié : Ascension.");
    const holidays = await refusedUnchanged(c, { lines: [book(d.jade, '2026-12-22', d.unit('restauration/repas'))] }, 400);
    expect(holidays.body.issues[0].message).toBe("Le 22/12/2026 n'est pas un jour d'accueil du service « Restauration scolaire » : Vacances scolaires.");
    const saturday = await refusedUnchanged(c, { lines: [book(d.jade, '2026-12-05', d.unit('restauration/repas'))] }, 400);
    expect(saturday.body.issues[0].message).toBe("Le 05/12/2026 n'est pas un jour d'accueil du service « Restauration scolaire » : Pas d'accueil ce jour-là.");
  });

  it('an unknown unit, an activity not offered that day', async () => {
    const res = await refusedUnchanged(c, { lines: [book(d.jade, '2026-12-07', 99_999)] }, 400);
    expect(res.body.message).toBe("Ligne 1 : Cet accueil n'existe pas.");
    const cinema = await refusedUnchanged(c, { lines: [book(d.jade, '2026-12-22', d.unit('alsh_vacances/cinema'))] }, 400);
    expect(cinema.body.message).toBe("Ligne 1 : L'activité « Séance de cinéma » n'est pas proposée le 22/12/2026.");
    const ok = await c.post('/api/family/requests/preview', { lines: [book(d.jade, '2026-12-23', d.unit('alsh_vacances/cinema'))] });
    expect(ok.status).toBe(200);
  });

  it('an inactive unit', async () => {
    await d.h.store.db.updateTable('units').set({ active: 0 }).where('id', '=', d.unit('periscolaire/soir')).execute();
    const res = await refusedUnchanged(c, { lines: [book(d.jade, '2026-12-07', d.unit('periscolaire/soir'))] }, 400);
    expect(res.body.message).toBe("Ligne 1 : L'accueil « Accueil du soir (goûter compris) » n'est plus proposé à la réservation.");
  });

  it('an incompatible pair (journée + matin) in the request, or with a booking already made', async () => {
    const pair = await refusedUnchanged(
      c,
      { lines: [book(d.leo, '2027-01-13', d.unit('alsh_mercredi/journee')), book(d.leo, '2027-01-13', d.unit('alsh_mercredi/matin'))] },
      400,
    );
    expect(pair.body.issues).toEqual([
      { path: 'lines.1', message: '« Matin » et « Journée (repas compris) » ne peuvent pas être réservés le même jour (13/01/2027) pour Léo.' },
    ]);
    // Jade already has the morning of 9 December.
    const existing = await refusedUnchanged(c, { lines: [book(d.jade, '2026-12-09', d.unit('alsh_mercredi/journee'))] }, 400);
    expect(existing.body.message).toBe('Ligne 1 : « Journée (repas compris) » et « Matin » ne peuvent pas être réservés le même jour (09/12/2026) pour Jade.');
    // Morning and lunch go together; cancelling the morning in the same request frees the journée.
    const morning = await d.h.store.db
      .selectFrom('bookings')
      .select('id')
      .where('child_id', '=', d.jade)
      .where('date', '=', '2026-12-09')
      .where('unit_id', '=', d.unit('alsh_mercredi/matin'))
      .executeTakeFirstOrThrow();
    const swap = await submit(c, { lines: [cancel(morning.id), book(d.jade, '2026-12-09', d.unit('alsh_mercredi/journee'))] });
    expect(swap.status).toBe(201);
  });

  it('the same day twice in one request, or a day already booked', async () => {
    const twice = await refusedUnchanged(c, { lines: [book(d.jade, '2026-12-07', d.unit('restauration/repas')), book(d.jade, '2026-12-07', d.unit('restauration/repas'))] }, 400);
    expect(twice.body.issues).toEqual([{ path: 'lines.1', message: 'Cette journée figure déjà à la ligne 1 de la demande.' }]);
    const already = await refusedUnchanged(c, { lines: [book(d.jade, '2026-11-30', d.unit('restauration/repas'))] }, 400);
    expect(already.body.message).toBe('Ligne 1 : Jade a déjà une réservation « Repas » le 30/11/2026.');
  });

  it('every invalid line is named; one bad line refuses the valid ones too', async () => {
    const res = await refusedUnchanged(
      c,
      {
        lines: [
          book(d.jade, '2026-12-07', d.unit('restauration/repas')),
          book(d.jade, '2027-08-30', d.unit('restauration/repas')),
          book(d.leo, '2026-12-24', d.unit('alsh_vacances/journee')),
        ],
      },
      400,
    );
    expect(res.body.issues.map((i: { path: string }) => i.path)).toEqual(['lines.1', 'lines.2']);
    expect(res.body.message).toMatch(/^Ligne 2 : .* \(et 1 autre ligne à corriger\)$/);
  });

  it('501 or 2,000 lines → « découpez-la »; a body beyond the JSON limit → too large', async () => {
    const lines = Array.from({ length: 501 }, () => book(d.jade, '2026-12-07', d.unit('restauration/repas')));
    const res = await refusedUnchanged(c, { lines }, 400);
    expect(res.body.message).toBe('Une demande ne peut pas dépasser 500 lignes : découpez-la.');
    const many = await refusedUnchanged(c, { lines: Array.from({ length: 2000 }, () => book(d.jade, '2026-12-07', d.unit('restauration/repas'))) }, 400);
    expect(many.body.message).toBe('Une demande ne peut pas dépasser 500 lignes : découpez-la.');
    const huge = await refusedUnchanged(c, { lines: Array.from({ length: 6000 }, () => book(d.jade, '2026-12-07', d.unit('restauration/repas'))) }, 413);
    expect(huge.body.message).toBe('La requête est trop volumineuse.');
  });

  it('unknown fields, an empty request, a bad date, an unknown action', async () => {
    const extra = await refusedUnchanged(c, { lines: [book(d.jade, '2026-12-07', d.unit('restauration/repas'))], status: 'accepted' }, 400);
    expect(extra.body.message).toBe('Champ non reconnu : « status ».');
    const inLine = await refusedUnchanged(c, { lines: [{ ...book(d.jade, '2026-12-07', d.unit('restauration/repas')), priceCents: 0 }] }, 400);
    expect(inLine.body.issues).toEqual([{ path: 'lines.0', message: 'Champ non reconnu : « priceCents ».' }]);
    const empty = await refusedUnchanged(c, { lines: [] }, 400);
    expect(empty.body.message).toBe('La demande ne contient aucune journée : choisissez au moins une date.');
    const date = await refusedUnchanged(c, { lines: [book(d.jade, '2026-02-30', d.unit('restauration/repas'))] }, 400);
    expect(date.body.issues).toEqual([{ path: 'lines.0.date', message: 'Date : date invalide (format AAAA-MM-JJ).' }]);
    const action = await refusedUnchanged(c, { lines: [{ action: 'delete', bookingId: 1 }] }, 400);
    expect(action.body.message).toBe('Chaque ligne doit être une réservation (« book ») ou une annulation (« cancel »).');
    const missing = await refusedUnchanged(c, {}, 400);
    expect(missing.body.message).toBe('Les lignes de la demande sont attendues (lines).');
  });
});
