import supertest from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashToken } from '../../shared/auth/tokens';
import { buildCalendar, escapeText, foldLine } from '../../shared/bookings/ical';
import type { Client } from '../support/client';
import { book, demoHarness, lefevreClient, moreauClient, type Demo } from '../support/bookings';

let d: Demo;
let c: Client;
beforeEach(async () => {
  d = await demoHarness();
  c = await lefevreClient(d.h);
});
afterEach(() => d.h.close());

const pathOf = (url: string) => new URL(url).pathname;
const feed = (url: string) => supertest(d.h.portal).get(pathOf(url));

/** Unfolds the continuation lines (RFC 5545 §3.1). */
const unfold = (text: string) => text.replace(/\r\n /g, '');

describe('private calendar feed', () => {
  it('gives a private address whose feed lists the family’s accepted bookings, in Paris time', async () => {
    const res = await c.post('/api/family/calendar-link');
    expect(res.status).toBe(200);
    expect(res.body.url).toMatch(/^http:\/\/.+\/api\/public\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const token = /calendar\/(.+)\.ics$/.exec(res.body.url)?.[1] ?? '';
    // Only the token's hash is kept.
    const family = await d.h.store.db.selectFrom('families').select('ical_token').where('id', '=', d.lefevre).executeTakeFirstOrThrow();
    expect(family.ical_token).toBe(hashToken(token));

    // A meal booked for Léo on Monday 7 December (accepted), a Wednesday pending (not in the feed).
    const booked = await c.post('/api/family/requests', {
      lines: [book(d.leo, '2026-12-07', d.unit('restauration/repas')), book(d.leo, '2027-01-13', d.unit('alsh_mercredi/journee'))],
    });
    expect(booked.status).toBe(201);

    const ics = await feed(res.body.url);
    expect(ics.status).toBe(200);
    expect(ics.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(ics.headers['cache-control']).toBe('private, no-store');
    const text = ics.text;
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(text).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Paris');

    const events = unfold(text).split('BEGIN:VEVENT').slice(1);
    const dec7 = events.find((e) => e.includes('DTSTART;TZID=Europe/Paris:20261207T114500'));
    expect(dec7).toBeDefined();
    expect(dec7).toContain('DTEND;TZID=Europe/Paris:20261207T133000');
    expect(dec7).toContain('SUMMARY:Léo — Restauration scolaire (repas)');
    expect(dec7).toMatch(/UID:booking-\d+@[^\r\n]+/);
    expect(dec7).toMatch(/DTSTAMP:20261126T080000Z/);
    expect(text).not.toContain('20270113');
    // The seeded accepted meals of the last 30 days are there; older ones and the other family's are not.
    expect(text).toContain('DTSTART;TZID=Europe/Paris:20261127T114500');
    expect(text).not.toContain('DTSTART;TZID=Europe/Paris:20261023T114500');
    const theirs = await d.h.store.db.selectFrom('bookings').select('id').where('family_id', '=', d.moreau).where('status', '=', 'accepted').execute();
    expect(theirs.length).toBeGreaterThan(0);
    for (const b of theirs) expect(text).not.toContain(`UID:booking-${b.id}@`);
  });

  it('gives all-day events for units without hours', async () => {
    const booking = await c.post('/api/family/requests', { lines: [book(d.leo, '2026-12-07', d.unit('restauration/repas'))] });
    // A unit without hours (like the demo's mini-camp days) gives an all-day event.
    await d.h.store.db
      .updateTable('units')
      .set({ start_time: null, end_time: null })
      .where('id', '=', d.unit('restauration/repas'))
      .execute();
    expect(booking.status).toBe(201);
    const res = await c.post('/api/family/calendar-link');
    const text = unfold((await feed(res.body.url)).text);
    expect(text).toContain('DTSTART;VALUE=DATE:20261207\r\nDTEND;VALUE=DATE:20261208');
  });

  it('renewing replaces the address: the old one answers 404; an unknown token too', async () => {
    const first = await c.post('/api/family/calendar-link');
    expect((await feed(first.body.url)).status).toBe(200);
    const second = await c.post('/api/family/calendar-link');
    expect(second.body.url).not.toBe(first.body.url);
    const old = await feed(first.body.url);
    expect(old.status).toBe(404);
    expect(old.body.message).toBe('Ce calendrier est introuvable : son adresse a peut-être été renouvelée.');
    expect((await feed(second.body.url)).status).toBe(200);
    expect((await supertest(d.h.portal).get('/api/public/calendar/nope.ics')).status).toBe(404);
    expect((await supertest(d.h.portal).get(`/api/public/calendar/${'A'.repeat(43)}.ics`)).status).toBe(404);
    // Each family has its own address.
    const moreau = await moreauClient(d.h);
    const theirs = await moreau.post('/api/family/calendar-link');
    expect(theirs.body.url).not.toBe(second.body.url);
  });
});

describe('iCalendar writing', () => {
  it('escapes text and folds long lines at 75 octets without splitting a character', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const long = `SUMMARY:${'é'.repeat(60)}`;
    const folded = foldLine(long);
    for (const part of folded.split('\r\n')) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(long);
  });

  it('writes the summary the guide’s way: child — service (unit)', () => {
    const text = buildCalendar({
      name: 'Réservations — Famille Lefèvre',
      host: 'portail.example.fr',
      now: new Date('2026-11-26T08:00:00Z'),
      events: [
        { bookingId: 7, date: '2026-12-09', startTime: '07:30', endTime: '18:30', childFirstName: 'Léo', serviceName: 'ALSH du mercredi', unitName: 'Journée', updatedAt: '2026-11-20T20:10:00.000Z' },
      ],
    });
    expect(text).toContain('SUMMARY:Léo — ALSH du mercredi (journée)\r\n');
    expect(text).toContain('UID:booking-7@portail.example.fr\r\n');
    expect(text).toContain('DTSTART;TZID=Europe/Paris:20261209T073000\r\nDTEND;TZID=Europe/Paris:20261209T183000\r\n');
  });
});
