import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import supertest from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_ATTACHMENT_BYTES } from '../../shared/content/rules';
import { filesDir } from '../../shared/documents/storage';
import { staffClient, type Client } from '../support/client';
import { addStaff, createHarness, NOW, PASSWORD, type Harness } from '../support/harness';

// Portal content (issue 4): news and info pages written by staff, their attachments, and what
// a visitor of the portal sees of them — with the harness's fixed clock (2026-11-26 09:00 Paris).

const PDF = Buffer.from('%PDF-1.4\n% Menu de décembre\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from([0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89]),
]);
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'), Buffer.alloc(200)]);
const HTML = Buffer.from('<html><script>alert(1)</script></html>');

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

let h: Harness;
let dataDir: string;
let alshId: number;

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'marelle-content-'));
  h = createHarness({ config: { dataDir } });
  // Raw SQL: only the columns without defaults, whatever other slices add to the table.
  const insert = h.store.sqlite.prepare(
    `INSERT INTO services (code, name, kind, ratio_regime, approval_mode, late_booking_policy, late_cancellation_policy, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  alshId = Number(insert.run('alsh_mercredi', 'ALSH du mercredi', 'alsh_mercredi', 'periscolaire', 'manual', 'refuse', 'billed', NOW, NOW).lastInsertRowid);
});
afterEach(async () => {
  await h.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function staff(role: 'admin' | 'agent' | 'animateur' = 'agent'): Promise<Client> {
  const email = `${role}@mairie.test`;
  await addStaff(h.store, email, role);
  const client = staffClient(h.backoffice);
  expect((await client.post('/api/staff/auth/login', { email, password: PASSWORD })).status).toBe(200);
  return client;
}

/** A multipart upload as the back-office sends it (staff cookies and CSRF header). */
function upload(client: Client, url: string, file: Buffer, name = 'Menu de décembre.pdf', contentType = 'application/pdf') {
  const cookie = ['marelle_staff_session', 'marelle_staff_csrf'].map((n) => `${n}=${client.cookie(n) ?? ''}`).join('; ');
  return supertest(h.backoffice)
    .post(url)
    .set('Cookie', cookie)
    .set('x-csrf-token', client.cookie('marelle_staff_csrf') ?? '')
    .attach('file', file, { filename: name, contentType });
}

const visitor = () => supertest(h.portal);
const iso = (ms: number) => new Date(new Date(NOW).getTime() + ms).toISOString();
const contentFiles = () => (fs.existsSync(filesDir(dataDir, 'content')) ? fs.readdirSync(filesDir(dataDir, 'content')) : []);
const auditActions = async () => (await h.store.db.selectFrom('audit_log').select('action').orderBy('id').execute()).map((r) => r.action);
const newsCount = async () => (await h.store.db.selectFrom('news').select('id').execute()).length;

function newsBody(overrides: Record<string, unknown> = {}) {
  return {
    title: 'Vacances de Noël : inscriptions ouvertes',
    body: "Les inscriptions à l'**ALSH** sont ouvertes.\n\n- du 21 au 23 décembre\n- du 28 au 30 décembre",
    serviceId: alshId,
    publishFrom: iso(-HOUR),
    publishUntil: null,
    ...overrides,
  };
}

function pageBody(overrides: Record<string, unknown> = {}) {
  return { title: 'Menus de décembre', body: 'Les menus du mois, en PDF ci-dessous.', serviceId: null, published: true, ...overrides };
}

describe('news, written by staff', () => {
  it('an agent creates, reads, edits and deletes a news item, each change audited', async () => {
    const agent = await staff('agent');
    const created = await agent.post('/api/staff/news', newsBody());
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(Number),
      title: 'Vacances de Noël : inscriptions ouvertes',
      body: newsBody().body,
      service: { id: alshId, name: 'ALSH du mercredi' },
      publishFrom: iso(-HOUR),
      publishUntil: null,
      state: 'published',
      attachments: [],
      createdAt: new Date(NOW).toISOString(),
      updatedAt: new Date(NOW).toISOString(),
    });
    const id = created.body.id as number;

    const list = await agent.get('/api/staff/news');
    expect(list.status).toBe(200);
    expect(list.body.items.map((n: { id: number }) => n.id)).toEqual([id]);

    // Offsets are accepted and stored as UTC; the target service may be removed.
    const edited = await agent.put(`/api/staff/news/${id}`, newsBody({ title: 'Noël à l’ALSH', serviceId: null, publishUntil: '2026-12-31T23:59:00+01:00' }));
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ title: 'Noël à l’ALSH', service: null, publishUntil: '2026-12-31T22:59:00.000Z' });
    expect((await agent.get(`/api/staff/news/${id}`)).body.title).toBe('Noël à l’ALSH');

    // Saving the same values again writes nothing.
    const same = await agent.put(`/api/staff/news/${id}`, newsBody({ title: 'Noël à l’ALSH', serviceId: null, publishUntil: '2026-12-31T22:59:00.000Z' }));
    expect(same.status).toBe(200);

    const audit = await h.store.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'news').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['news.created', 'news.updated']);
    expect(audit[0]!.actor_type).toBe('staff');
    expect(JSON.parse(audit[1]!.changes ?? '{}')).toEqual({
      title: ['Vacances de Noël : inscriptions ouvertes', 'Noël à l’ALSH'],
      serviceId: [alshId, null],
      publishUntil: [null, '2026-12-31T22:59:00.000Z'],
    });

    expect((await agent.send('delete', `/api/staff/news/${id}`)).status).toBe(204);
    expect((await agent.get(`/api/staff/news/${id}`)).status).toBe(404);
    expect(await newsCount()).toBe(0);
    expect((await auditActions()).at(-1)).toBe('news.deleted');
  });

  it('shows a news item to visitors only inside its publication window (fixed clock)', async () => {
    const agent = await staff('agent');
    // Hours, not days: the staff session must stay open while the clock moves.
    const from = iso(2 * HOUR);
    const until = iso(5 * HOUR);
    const created = await agent.post('/api/staff/news', newsBody({ title: 'Sortie au cinéma', publishFrom: from, publishUntil: until }));
    expect(created.body.state).toBe('scheduled');
    const id = created.body.id as number;
    const att = await upload(agent, `/api/staff/news/${id}/attachments`, PDF, 'Programme.pdf');
    expect(att.status).toBe(201);
    const publicUrl = `/api/public/attachments/${att.body.id}/Programme.pdf`;

    const titles = async () => (await visitor().get('/api/public/portal')).body.news.map((n: { title: string }) => n.title);
    expect(await titles()).not.toContain('Sortie au cinéma');
    expect((await visitor().get(publicUrl)).status).toBe(404);

    h.clock.set(from); // the first instant of the window is inside it
    expect(await titles()).toContain('Sortie au cinéma');
    expect((await agent.get(`/api/staff/news/${id}`)).body.state).toBe('published');
    const portal = await visitor().get('/api/public/portal');
    const item = portal.body.news.find((n: { id: number }) => n.id === id);
    expect(item).toEqual({
      id,
      title: 'Sortie au cinéma',
      body: newsBody().body,
      publishedAt: from,
      service: { id: alshId, name: 'ALSH du mercredi' },
      attachments: [{ id: att.body.id, fileName: 'Programme.pdf', mimeType: 'application/pdf', sizeBytes: PDF.length, url: publicUrl }],
    });
    expect((await visitor().get(publicUrl)).status).toBe(200);

    h.clock.set(until); // the end is excluded
    expect(await titles()).not.toContain('Sortie au cinéma');
    expect((await agent.get(`/api/staff/news/${id}`)).body.state).toBe('expired');
    expect((await visitor().get(publicUrl)).status).toBe(404);
  });
});

describe('info pages', () => {
  it('an unpublished page is not in the menu and answers 404 to visitors, then appears once published', async () => {
    const agent = await staff('agent');
    const created = await agent.post('/api/staff/info-pages', pageBody({ published: false, serviceId: alshId }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ slug: 'menus-de-decembre', title: 'Menus de décembre', published: false, service: { id: alshId } });
    const id = created.body.id as number;
    const att = await upload(agent, `/api/staff/info-pages/${id}/attachments`, PDF);
    expect(att.status).toBe(201);
    const publicUrl = `/api/public/attachments/${att.body.id}/${encodeURIComponent('Menu de décembre.pdf')}`;
    expect(att.body.url).toBe(`/api/staff/attachments/${att.body.id}/${encodeURIComponent('Menu de décembre.pdf')}`);

    expect((await visitor().get('/api/public/info-pages/menus-de-decembre')).status).toBe(404);
    expect((await visitor().get('/api/public/portal')).body.infoPages).toEqual([]);
    expect((await visitor().get(publicUrl)).status).toBe(404);
    // Staff see their draft's file.
    const staffFile = await agent.get(att.body.url);
    expect(staffFile.status).toBe(200);
    expect(Buffer.from(staffFile.body as Buffer).equals(PDF)).toBe(true);

    const published = await agent.put(`/api/staff/info-pages/${id}`, pageBody({ serviceId: alshId }));
    expect(published.status).toBe(200);
    const page = await visitor().get('/api/public/info-pages/menus-de-decembre');
    expect(page.status).toBe(200);
    expect(page.body).toEqual({
      id,
      slug: 'menus-de-decembre',
      title: 'Menus de décembre',
      body: 'Les menus du mois, en PDF ci-dessous.',
      service: { id: alshId, name: 'ALSH du mercredi' },
      attachments: [{ id: att.body.id, fileName: 'Menu de décembre.pdf', mimeType: 'application/pdf', sizeBytes: PDF.length, url: publicUrl }],
    });
    expect((await visitor().get('/api/public/portal')).body.infoPages).toEqual([
      { id, slug: 'menus-de-decembre', title: 'Menus de décembre', service: { id: alshId, name: 'ALSH du mercredi' } },
    ]);

    const file = await visitor().get(publicUrl).buffer(true);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="Menu de decembre.pdf"; filename\*=UTF-8''Menu%20de%20d%C3%A9cembre.pdf$/);
    expect(file.headers['cache-control']).toMatch(/^public, max-age=\d{6,}/);
    expect(Buffer.from(file.body as Buffer).equals(PDF)).toBe(true);
    // Only under its own name: another name is not an alias.
    expect((await visitor().get(`/api/public/attachments/${att.body.id}/autre.pdf`)).status).toBe(404);
    // The rest of the public API stays uncached.
    expect(page.headers['cache-control']).toBe('no-store');

    // Unpublishing hides the page and its file again.
    expect((await agent.put(`/api/staff/info-pages/${id}`, pageBody({ published: false }))).status).toBe(200);
    expect((await visitor().get('/api/public/info-pages/menus-de-decembre')).status).toBe(404);
    expect((await visitor().get(publicUrl)).status).toBe(404);
  });

  it('slugs come from the title, stay unique and follow a new title; pages go to the end of the menu', async () => {
    const admin = await staff('admin');
    const a = await admin.post('/api/staff/info-pages', pageBody());
    const b = await admin.post('/api/staff/info-pages', pageBody());
    expect(a.body.slug).toBe('menus-de-decembre');
    expect(b.body.slug).toBe('menus-de-decembre-2');
    expect(b.body.sortOrder).toBe(a.body.sortOrder + 1);
    const renamed = await admin.put(`/api/staff/info-pages/${b.body.id}`, pageBody({ title: 'Règlement intérieur 2026 — Œuvre !', sortOrder: 0 }));
    expect(renamed.body).toMatchObject({ slug: 'reglement-interieur-2026-oeuvre', sortOrder: 0 });
    expect((await visitor().get('/api/public/portal')).body.infoPages.map((p: { slug: string }) => p.slug)).toEqual([
      'reglement-interieur-2026-oeuvre',
      'menus-de-decembre',
    ]);
    expect((await visitor().get('/api/public/info-pages/menus-de-decembre-2')).status).toBe(404);

    expect((await admin.send('delete', `/api/staff/info-pages/${a.body.id}`)).status).toBe(204);
    expect((await visitor().get('/api/public/info-pages/menus-de-decembre')).status).toBe(404);
    expect(await auditActions()).toEqual(['info_page.created', 'info_page.created', 'info_page.updated', 'info_page.deleted']);
  });
});

describe('attachments', () => {
  it('several per item, typed from their content, deletable; each change audited', async () => {
    const agent = await staff('agent');
    const { id } = (await agent.post('/api/staff/info-pages', pageBody())).body as { id: number };
    const url = `/api/staff/info-pages/${id}/attachments`;
    const pdf = await upload(agent, url, PDF);
    // A PNG sent under a .pdf name is stored as what it is.
    const png = await upload(agent, url, PNG, 'affiche.pdf', 'application/pdf');
    expect(pdf.status).toBe(201);
    expect(png.status).toBe(201);
    expect(png.body).toMatchObject({ fileName: 'affiche.png', mimeType: 'image/png', sizeBytes: PNG.length });
    expect((await agent.get(`/api/staff/info-pages/${id}`)).body.attachments.map((a: { fileName: string }) => a.fileName)).toEqual([
      'Menu de décembre.pdf',
      'affiche.png',
    ]);
    expect(contentFiles()).toHaveLength(2);
    // Stored apart from the families' documents.
    expect(fs.existsSync(filesDir(dataDir, 'documents')) ? fs.readdirSync(filesDir(dataDir, 'documents')) : []).toEqual([]);

    // Another item's attachment id is a 404, and changes nothing.
    const other = (await agent.post('/api/staff/info-pages', pageBody({ title: 'Autre' }))).body as { id: number };
    expect((await agent.send('delete', `/api/staff/info-pages/${other.id}/attachments/${png.body.id}`)).status).toBe(404);
    expect(contentFiles()).toHaveLength(2);

    expect((await agent.send('delete', `/api/staff/info-pages/${id}/attachments/${png.body.id}`)).status).toBe(204);
    expect(contentFiles()).toHaveLength(1);
    expect((await visitor().get(`/api/public/attachments/${png.body.id}/affiche.png`)).status).toBe(404);
    expect((await auditActions()).filter((a) => a.startsWith('info_page.attachment'))).toEqual([
      'info_page.attachment_added',
      'info_page.attachment_added',
      'info_page.attachment_removed',
    ]);

    // Deleting the page removes its remaining file too.
    expect((await agent.send('delete', `/api/staff/info-pages/${id}`)).status).toBe(204);
    expect(contentFiles()).toEqual([]);
  });

  it('refuses other types (415) and files over 10 MB (413), leaving nothing behind', async () => {
    const agent = await staff('agent');
    const { id } = (await agent.post('/api/staff/news', newsBody())).body as { id: number };
    const url = `/api/staff/news/${id}/attachments`;

    const exe = await upload(agent, url, EXE, 'menu.pdf', 'application/pdf');
    expect(exe.status).toBe(415);
    expect(exe.body.error).toBe('unsupported_media_type');
    expect(exe.body.message).toMatch(/ni un PDF ni une image JPEG ou PNG/);
    expect((await upload(agent, url, HTML, 'menu.html', 'text/html')).status).toBe(415);

    const big = Buffer.concat([PDF, Buffer.alloc(MAX_ATTACHMENT_BYTES + 1 - PDF.length)]);
    const tooBig = await upload(agent, url, big);
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.message).toBe('Le fichier dépasse 10 Mo.');

    // Exactly 10 MB is accepted.
    const limit = await upload(agent, url, Buffer.concat([PDF, Buffer.alloc(MAX_ATTACHMENT_BYTES - PDF.length)]));
    expect(limit.status).toBe(201);

    // A JSON body is not an upload; an unknown item is a 404 before anything is read.
    const json = await agent.post(url, { file: 'x' });
    expect(json.status).toBe(415);
    expect((await upload(agent, '/api/staff/news/9999/attachments', PDF)).status).toBe(404);

    const rows = await h.store.db.selectFrom('content_attachments').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(contentFiles()).toEqual([rows[0]!.storage_key]);
  });
});

describe('access', () => {
  it('animateurs get 403 and visitors 401 on the staff routes; visitors reach only the public ones', async () => {
    const animateur = await staff('animateur');
    for (const url of ['/api/staff/news', '/api/staff/info-pages', '/api/staff/content/services']) {
      const res = await animateur.get(url);
      expect(res.status).toBe(403);
      expect(res.body.error).toBe('forbidden');
    }
    expect((await animateur.post('/api/staff/news', newsBody())).status).toBe(403);
    expect((await animateur.post('/api/staff/info-pages', pageBody())).status).toBe(403);
    expect(await newsCount()).toBe(0);
    expect((await supertest(h.backoffice).get('/api/staff/news')).status).toBe(401);
    // The staff routes do not exist on the portal listener.
    expect((await visitor().get('/api/staff/news')).status).toBe(404);
  });

  it('lists the services staff may target', async () => {
    const agent = await staff('agent');
    const res = await agent.get('/api/staff/content/services');
    expect(res.body).toEqual({ items: [{ id: alshId, name: 'ALSH du mercredi' }] });
  });
});

describe('bad input → 400 with a French sentence, nothing stored', () => {
  it('refuses a publication ending before it starts, an empty title and other mistakes', async () => {
    const agent = await staff('agent');
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [newsBody({ publishFrom: iso(DAY), publishUntil: iso(-DAY) }), 'publishUntil', /La fin de publication doit être postérieure au début de publication/],
      [newsBody({ publishFrom: iso(DAY), publishUntil: iso(DAY) }), 'publishUntil', /postérieure/],
      [newsBody({ title: '   ' }), 'title', /^Saisissez le titre\.$/],
      [newsBody({ title: 'x'.repeat(151) }), 'title', /150 caractères/],
      [newsBody({ body: '' }), 'body', /^Saisissez le texte\.$/],
      [newsBody({ body: 'x'.repeat(20_001) }), 'body', /20\s000 caractères/],
      [newsBody({ publishFrom: '2026-02-30T10:00:00Z' }), 'publishFrom', /Début de publication : date ou heure invalide/],
      [newsBody({ publishFrom: '2026-12-01T10:00' }), 'publishFrom', /date ou heure invalide/],
      [newsBody({ serviceId: 'ALSH' }), 'serviceId', /service choisi est invalide/],
      [newsBody({ serviceId: 9999 }), 'serviceId', /service choisi n'existe pas/],
      [newsBody({ state: 'published' }), '', /.+/],
    ];
    for (const [body, field, message] of cases) {
      const res = await agent.post('/api/staff/news', body);
      expect(res.status, JSON.stringify(body).slice(0, 120)).toBe(400);
      expect(res.body.error).toBe('validation');
      expect(res.body.message).toMatch(message);
      if (field) expect(res.body.issues.map((i: { path: string }) => i.path)).toContain(field);
    }
    expect(await newsCount()).toBe(0);

    const page = await agent.post('/api/staff/info-pages', pageBody({ title: '' }));
    expect(page.status).toBe(400);
    expect(page.body.message).toBe('Saisissez le titre.');
    expect((await agent.post('/api/staff/info-pages', pageBody({ sortOrder: -1 }))).body.message).toMatch(/négatif/);
    expect((await agent.post('/api/staff/info-pages', { title: 'Sans drapeau', body: 'x' })).body.message).toMatch(/publiée/);

    // Without a start, the news item starts now (the server's clock): its end must come after.
    const past = await agent.post('/api/staff/news', newsBody({ publishFrom: null, publishUntil: iso(-HOUR) }));
    expect(past.status).toBe(400);
    expect(past.body.message).toBe('La fin de publication doit être postérieure au début de publication.');
    expect(await newsCount()).toBe(0);
    const immediate = await agent.post('/api/staff/news', newsBody({ publishFrom: undefined, publishUntil: iso(HOUR) }));
    expect(immediate.status).toBe(201);
    expect(immediate.body).toMatchObject({ publishFrom: new Date(NOW).toISOString(), state: 'published' });
    await agent.send('delete', `/api/staff/news/${immediate.body.id}`);

    // An update with bad input leaves the item as it was.
    const { id } = (await agent.post('/api/staff/news', newsBody())).body as { id: number };
    const bad = await agent.put(`/api/staff/news/${id}`, newsBody({ title: '', publishUntil: iso(-2 * DAY) }));
    expect(bad.status).toBe(400);
    expect((await agent.get(`/api/staff/news/${id}`)).body.title).toBe(newsBody().title);
    expect((await auditActions()).filter((a) => a.startsWith('news.'))).toEqual(['news.created', 'news.deleted', 'news.created']);
    expect((await agent.get('/api/staff/news/abc')).status).toBe(404);
  });

  it('keeps markup as typed: a body is text, never HTML', async () => {
    const agent = await staff('agent');
    const body = '<script>alert("x")</script> **gras** <img src=x onerror=alert(1)>';
    await agent.post('/api/staff/news', newsBody({ body }));
    const news = (await visitor().get('/api/public/portal')).body.news as { body: string }[];
    expect(news[0]!.body).toBe(body);
  });
});
