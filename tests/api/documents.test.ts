import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import supertest from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_BYTES } from '../../shared/documents/rules';
import { expireDocuments } from '../../shared/documents/service';
import { documentsDir, newStorageKey, purgeStaleUploads, tempFilePath } from '../../shared/documents/storage';
import { receiveUpload, type UploadRequest } from '../../shared/documents/upload';
import { AppError } from '../../shared/errors';
import { parentClient, staffClient, type Client } from '../support/client';
import { addFamily, addStaff, createHarness, NOW, PASSWORD, type Harness } from '../support/harness';

// Minimal but genuine headers of each accepted format, and a Windows executable.
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9]);
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from([0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89]),
]);
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'), Buffer.alloc(200)]);

let h: Harness;
let dataDir: string;

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'marelle-docs-'));
  h = createHarness({ config: { dataDir } });
});
afterEach(async () => {
  await h.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Every file under the documents folder (stored files and leftovers alike). */
function filesOnDisk(): string[] {
  const dir = documentsDir(dataDir);
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
}

const documentRows = () => h.store.db.selectFrom('documents').selectAll().execute();

async function parent(email: string): Promise<{ client: Client; familyId: number; accountId: number }> {
  const ids = await addFamily(h.store, email);
  const client = parentClient(h.portal);
  expect((await client.post('/api/auth/login', { email, password: PASSWORD })).status).toBe(200);
  return { client, ...ids };
}

async function staff(role: 'admin' | 'agent' | 'animateur' = 'agent'): Promise<Client> {
  const email = `${role}@mairie.test`;
  await addStaff(h.store, email, role);
  const client = staffClient(h.backoffice);
  expect((await client.post('/api/staff/auth/login', { email, password: PASSWORD })).status).toBe(200);
  return client;
}

async function addChild(familyId: number, firstName: string): Promise<number> {
  const child = await h.store.db
    .insertInto('children')
    .values({ last_name: 'Durand', first_name: firstName, birth_date: '2018-04-02', sex: null, school: null, class_level: null, notes: null, created_at: NOW, updated_at: NOW })
    .returning('id')
    .executeTakeFirstOrThrow();
  await h.store.db.insertInto('family_children').values({ family_id: familyId, child_id: child.id, linked_at: NOW }).execute();
  return child.id;
}

interface UploadOptions {
  type?: string;
  childId?: number | string;
  file?: Buffer;
  name?: string;
  contentType?: string;
  extraFile?: Buffer;
}

/** A multipart upload as the portal's form sends it, with the client's cookies and CSRF token. */
function upload(app: Harness['portal'], client: Client, side: 'parent' | 'staff', url: string, o: UploadOptions) {
  const names = side === 'parent' ? ['marelle_session', 'marelle_csrf'] : ['marelle_staff_session', 'marelle_staff_csrf'];
  const cookie = names.map((n) => `${n}=${client.cookie(n) ?? ''}`).join('; ');
  let req = supertest(app).post(url).set('Cookie', cookie).set('x-csrf-token', client.cookie(names[1]!) ?? '');
  if (o.type !== undefined) req = req.field('type', o.type);
  if (o.childId !== undefined) req = req.field('childId', String(o.childId));
  if (o.file) req = req.attach('file', o.file, { filename: o.name ?? 'document.pdf', contentType: o.contentType ?? 'application/pdf' });
  if (o.extraFile) req = req.attach('file', o.extraFile, { filename: 'second.pdf', contentType: 'application/pdf' });
  return req;
}

const parentUpload = (client: Client, o: UploadOptions) => upload(h.portal, client, 'parent', '/api/family/documents', o);

describe('parents upload documents', () => {
  it('stores a PDF, a JPEG and a PNG under random keys, with their real type, size and sha256', async () => {
    const { client, familyId } = await parent('alice@example.fr');
    const pdf = await parentUpload(client, { type: 'attestation_responsabilite_civile', file: PDF, name: 'Attestation MAIF 2026.pdf' });
    expect(pdf.status).toBe(201);
    expect(pdf.body).toEqual({
      id: expect.any(Number),
      type: 'attestation_responsabilite_civile',
      childId: null,
      fileName: 'Attestation MAIF 2026.pdf',
      mimeType: 'application/pdf',
      sizeBytes: PDF.length,
      status: 'transmitted',
      refusalReason: null,
      schoolYear: '2026-2027',
      validUntil: null,
      uploadedAt: new Date(NOW).toISOString(),
    });
    const jpeg = await parentUpload(client, { type: 'justificatif_qf', file: JPEG, name: 'caf.jpg', contentType: 'image/jpeg' });
    expect(jpeg.status).toBe(201);
    expect(jpeg.body.mimeType).toBe('image/jpeg');
    // A PNG declared as a PDF (name and type) is stored as what it is.
    const png = await parentUpload(client, { type: 'rib', file: PNG, name: 'rib.pdf', contentType: 'application/pdf' });
    expect(png.status).toBe(201);
    expect(png.body).toMatchObject({ mimeType: 'image/png', fileName: 'rib.png', sizeBytes: PNG.length });

    const rows = await documentRows();
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row.family_id).toBe(familyId);
      expect(row.storage_key).toMatch(/^[0-9a-f]{32}$/);
      const stored = fs.readFileSync(path.join(documentsDir(dataDir), row.storage_key));
      expect(createHash('sha256').update(stored).digest('hex')).toBe(row.sha256);
      expect(stored.length).toBe(row.size_bytes);
    }
    expect(filesOnDisk().sort()).toEqual(rows.map((r) => r.storage_key).sort());

    const list = await client.get('/api/family/documents');
    expect(list.status).toBe(200);
    expect(list.body.items.map((d: { id: number }) => d.id)).toEqual([png.body.id, jpeg.body.id, pdf.body.id]);

    const audit = await h.store.db.selectFrom('audit_log').selectAll().where('action', '=', 'document.uploaded').execute();
    expect(audit).toHaveLength(3);
    expect(audit.every((a) => a.family_id === familyId && a.actor_type === 'parent')).toBe(true);
  });

  it('downloads the stored file as an attachment with its detected type', async () => {
    const { client } = await parent('alice@example.fr');
    const up = await parentUpload(client, { type: 'rib', file: JPEG, name: 'Relevé d’identité.jpg', contentType: 'image/jpeg' });
    const res = await supertest(h.portal)
      .get(`/api/family/documents/${up.body.id}/file`)
      .set('Cookie', `marelle_session=${client.cookie('marelle_session')}`)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="Releve d_identite.jpg"; filename*=UTF-8''Relev%C3%A9%20d%E2%80%99identit%C3%A9.jpg`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(res.body as Buffer, JPEG)).toBe(0);
  });

  it('links a document to one of the family’s children', async () => {
    const { client, familyId } = await parent('alice@example.fr');
    const childId = await addChild(familyId, 'Léo');
    const res = await parentUpload(client, { type: 'pai', childId, file: PDF });
    expect(res.status).toBe(201);
    expect(res.body.childId).toBe(childId);
  });

  it('refuses a renamed .exe sent as a PDF: clear message, nothing stored', async () => {
    const { client } = await parent('alice@example.fr');
    const res = await parentUpload(client, { type: 'attestation_responsabilite_civile', file: EXE, name: 'attestation.pdf', contentType: 'application/pdf' });
    expect(res.status).toBe(415);
    expect(res.body.error).toBe('unsupported_media_type');
    expect(res.body.message).toMatch(/ni un PDF ni une image JPEG ou PNG/);
    expect(await documentRows()).toHaveLength(0);
    expect(filesOnDisk()).toEqual([]);
  });

  it('accepts exactly 10 Mo and refuses an 11 Mo file with "Le fichier dépasse 10 Mo.", nothing stored', async () => {
    const { client } = await parent('alice@example.fr');
    const big = Buffer.alloc(11 * 1024 * 1024, 0x20);
    PDF.copy(big);
    const res = await parentUpload(client, { type: 'attestation_responsabilite_civile', file: big, name: 'gros.pdf' });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ error: 'payload_too_large', message: 'Le fichier dépasse 10 Mo.' });
    expect(await documentRows()).toHaveLength(0);
    expect(filesOnDisk()).toEqual([]);

    // Just at the limit, without room for a refusal by the declared length alone.
    const limit = Buffer.alloc(MAX_DOCUMENT_BYTES, 0x20);
    PDF.copy(limit);
    const ok = await parentUpload(client, { type: 'attestation_responsabilite_civile', file: limit, name: 'juste.pdf' });
    expect(ok.status).toBe(201);
    expect(ok.body.sizeBytes).toBe(MAX_DOCUMENT_BYTES);
    const over = Buffer.alloc(MAX_DOCUMENT_BYTES + 1, 0x20);
    PDF.copy(over);
    const tooBig = await parentUpload(client, { type: 'attestation_responsabilite_civile', file: over, name: 'un-octet-de-trop.pdf' });
    expect(tooBig.status).toBe(413);
    expect(await documentRows()).toHaveLength(1);
    expect(filesOnDisk()).toHaveLength(1);
  });

  it('enforces the limit while streaming a body of undeclared length, and stops writing at the limit', async () => {
    const body = new PassThrough();
    const boundary = 'marelle-test-boundary';
    const req = Object.assign(body, { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }) as unknown as UploadRequest;
    const result = receiveUpload(req, { dataDir, maxBytes: 1024 * 1024, allowedFields: ['type'] });
    body.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-`);
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let written = 0;
    // Keep sending well past the limit, as a client lying about (or not declaring) its size would.
    const sender = (async () => {
      while (written < 5 * 1024 * 1024 && !body.destroyed) {
        if (!body.write(chunk)) await new Promise((r) => setTimeout(r, 1));
        written += chunk.length;
      }
      body.end();
    })();
    await expect(result).rejects.toMatchObject({ status: 413, message: 'Le fichier dépasse 1 Mo.' });
    expect(filesOnDisk()).toEqual([]);
    await sender;
  });

  it('refuses two files in one upload, a missing file, a missing or unknown type, an unexpected field', async () => {
    const { client } = await parent('alice@example.fr');
    const two = await parentUpload(client, { type: 'rib', file: PDF, extraFile: PDF });
    expect(two.status).toBe(400);
    expect(two.body.message).toBe('Envoyez un seul fichier à la fois.');
    const none = await parentUpload(client, { type: 'rib' });
    expect(none.status).toBe(400);
    expect(none.body.message).toMatch(/Joignez un fichier/);
    const noType = await parentUpload(client, { file: PDF });
    expect(noType.status).toBe(400);
    expect(noType.body.message).toMatch(/type du document/);
    const badType = await parentUpload(client, { type: 'passeport', file: PDF });
    expect(badType.status).toBe(400);
    const empty = await parentUpload(client, { type: 'rib', file: Buffer.alloc(0) });
    expect(empty.status).toBe(400);
    expect(empty.body.message).toMatch(/vide/);
    const extra = await supertest(h.portal)
      .post('/api/family/documents')
      .set('Cookie', `marelle_session=${client.cookie('marelle_session')}; marelle_csrf=${client.cookie('marelle_csrf')}`)
      .set('x-csrf-token', client.cookie('marelle_csrf')!)
      .field('type', 'rib')
      .field('familyId', '999')
      .attach('file', PDF, 'a.pdf');
    expect(extra.status).toBe(400);
    const json = await client.post('/api/family/documents', { type: 'rib' });
    expect(json.status).toBe(415);
    expect(json.body.message).toMatch(/formulaire de dépôt/);
    expect(await documentRows()).toHaveLength(0);
    expect(filesOnDisk()).toEqual([]);
  });

  it('needs a session and the CSRF token before reading any upload', async () => {
    const anonymous = await supertest(h.portal).post('/api/family/documents').field('type', 'rib').attach('file', PDF, 'a.pdf');
    expect(anonymous.status).toBe(401);
    const { client } = await parent('alice@example.fr');
    const noCsrf = await supertest(h.portal)
      .post('/api/family/documents')
      .set('Cookie', `marelle_session=${client.cookie('marelle_session')}`)
      .field('type', 'rib')
      .attach('file', PDF, 'a.pdf');
    expect(noCsrf.status).toBe(403);
    expect(await documentRows()).toHaveLength(0);
    expect(filesOnDisk()).toEqual([]);
  });

  it('withdraws a document while it is only transmitted, file included', async () => {
    const { client } = await parent('alice@example.fr');
    const up = await parentUpload(client, { type: 'rib', file: PDF });
    expect(filesOnDisk()).toHaveLength(1);
    const del = await client.send('delete', `/api/family/documents/${up.body.id}`);
    expect(del.status).toBe(204);
    expect(await documentRows()).toHaveLength(0);
    expect(filesOnDisk()).toEqual([]);

    const kept = await parentUpload(client, { type: 'rib', file: PDF });
    const agent = await staff('agent');
    expect((await agent.post(`/api/staff/documents/${kept.body.id}/accept`, {})).status).toBe(200);
    const refused = await client.send('delete', `/api/family/documents/${kept.body.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/déjà été examiné/);
    expect(await documentRows()).toHaveLength(1);
    expect(filesOnDisk()).toHaveLength(1);
  });
});

describe("another family's documents", () => {
  it('answer 404 to list, download, delete and child links', async () => {
    const alice = await parent('alice@example.fr');
    const bob = await parent('bob@example.fr');
    const bobChild = await addChild(bob.familyId, 'Zoé');
    const up = await parentUpload(alice.client, { type: 'rib', file: PDF });
    expect(up.status).toBe(201);

    expect((await bob.client.get('/api/family/documents')).body.items).toEqual([]);
    const download = await bob.client.get(`/api/family/documents/${up.body.id}/file`);
    expect(download.status).toBe(404);
    expect(download.body.error).toBe('not_found');
    expect((await bob.client.send('delete', `/api/family/documents/${up.body.id}`)).status).toBe(404);
    expect(await documentRows()).toHaveLength(1);

    // Alice cannot attach a document to Bob's child: refused, and the file is not kept.
    const cross = await parentUpload(alice.client, { type: 'pai', childId: bobChild, file: PDF });
    expect(cross.status).toBe(404);
    expect(cross.body.message).toBe('Cet enfant est introuvable.');
    expect(await documentRows()).toHaveLength(1);
    expect(filesOnDisk()).toHaveLength(1);
  });

  it('a parent cannot review documents: staff endpoints refuse parent sessions', async () => {
    const alice = await parent('alice@example.fr');
    const up = await parentUpload(alice.client, { type: 'rib', file: PDF });
    const token = alice.client.cookie('marelle_session')!;
    const csrf = alice.client.cookie('marelle_csrf')!;
    for (const cookie of [`marelle_session=${token}; marelle_csrf=${csrf}`, `marelle_staff_session=${token}; marelle_staff_csrf=${csrf}`]) {
      const accept = await supertest(h.backoffice).post(`/api/staff/documents/${up.body.id}/accept`).set('Cookie', cookie).set('x-csrf-token', csrf).send({});
      expect(accept.status).toBe(401);
      const refuse = await supertest(h.backoffice).post(`/api/staff/documents/${up.body.id}/refuse`).set('Cookie', cookie).set('x-csrf-token', csrf).send({ reason: 'x' });
      expect(refuse.status).toBe(401);
    }
    // The portal listener has no staff routes at all.
    expect((await alice.client.post(`/api/staff/documents/${up.body.id}/accept`, {})).status).toBe(404);
    expect((await documentRows())[0]!.status).toBe('transmitted');
  });
});

describe('staff review documents', () => {
  it('lists transmitted documents oldest first, with their family', async () => {
    const alice = await parent('alice@example.fr');
    const bob = await parent('bob@example.fr');
    await h.store.db.updateTable('guardians').set({ last_name: 'Martin' }).where('family_id', '=', bob.familyId).execute();
    const first = await parentUpload(bob.client, { type: 'rib', file: PDF });
    h.clock.advance(60_000);
    const second = await parentUpload(alice.client, { type: 'justificatif_qf', file: PNG, contentType: 'image/png', name: 'qf.png' });
    h.clock.advance(60_000);
    const third = await parentUpload(alice.client, { type: 'rib', file: JPEG, contentType: 'image/jpeg', name: 'rib.jpg' });
    const agent = await staff('agent');
    await agent.post(`/api/staff/documents/${third.body.id}/accept`, {});

    const res = await agent.get('/api/staff/documents?status=transmitted');
    expect(res.status).toBe(200);
    expect(res.body.items.map((d: { id: number }) => d.id)).toEqual([first.body.id, second.body.id]);
    expect(res.body.items[0]).toMatchObject({ familyId: bob.familyId, familyName: 'Famille Martin', type: 'rib', status: 'transmitted' });
    expect(res.body.items[1]).toMatchObject({ familyId: alice.familyId, familyName: 'Famille Durand' });
    expect((await agent.get('/api/staff/documents')).body.items).toHaveLength(2);
    expect((await agent.get('/api/staff/documents?status=accepted')).body.items.map((d: { id: number }) => d.id)).toEqual([third.body.id]);
    expect((await agent.get('/api/staff/documents?status=perdu')).status).toBe(400);

    const file = await agent.get(`/api/staff/documents/${second.body.id}/file`);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.headers['content-disposition']).toMatch(/^attachment;/);
    expect(file.headers['x-frame-options']).toBe('DENY');
    // The back-office preview: inline, framable by the back-office itself only.
    const preview = await agent.get(`/api/staff/documents/${first.body.id}/file?inline=1`);
    expect(preview.headers['content-disposition']).toMatch(/^inline;/);
    expect(preview.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(preview.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    // Parents always download.
    const own = await bob.client.get(`/api/family/documents/${first.body.id}/file?inline=1`);
    expect(own.headers['content-disposition']).toMatch(/^attachment;/);
    expect((await agent.get('/api/staff/documents/9999/file')).status).toBe(404);
  });

  it('accepts until 31 August ending the school year and e-mails the family', async () => {
    const alice = await parent('alice@example.fr');
    const up = await parentUpload(alice.client, { type: 'attestation_responsabilite_civile', file: PDF, name: 'attestation.pdf' });
    const agentId = await addStaff(h.store, 'agent@mairie.test', 'agent');
    const agent = staffClient(h.backoffice);
    await agent.post('/api/staff/auth/login', { email: 'agent@mairie.test', password: PASSWORD });

    const res = await agent.post(`/api/staff/documents/${up.body.id}/accept`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: up.body.id, status: 'accepted', validUntil: '2027-08-31', refusalReason: null });
    const row = (await documentRows())[0]!;
    expect(row.reviewed_by).toBe(agentId);
    expect(row.reviewed_at).toBe(new Date(NOW).toISOString());

    const mails = await h.store.db.selectFrom('email_outbox').selectAll().execute();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to_address).toBe('alice@example.fr');
    expect(mails[0]!.family_id).toBe(alice.familyId);
    expect(mails[0]!.subject).toMatch(/^Document accepté : Attestation de responsabilité civile/);
    expect(mails[0]!.text_body).toMatch(/Bonjour Madame Durand/);
    expect(mails[0]!.text_body).toMatch(/attestation\.pdf/);
    expect(mails[0]!.text_body).toMatch(/valable jusqu’au 31\/08\/2027/);
    expect(mails[0]!.text_body).toMatch(/Le pôle enfance-jeunesse/);

    const again = await agent.post(`/api/staff/documents/${up.body.id}/accept`, {});
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('Ce document a déjà été examiné : il est accepté.');
    expect(await h.store.db.selectFrom('email_outbox').selectAll().execute()).toHaveLength(1);
    expect((await parentUpload(alice.client, { type: 'rib', file: PDF })).status).toBe(201);
  });

  it('accepts with a chosen validity, but not one already past or not a date', async () => {
    const alice = await parent('alice@example.fr');
    const up = await parentUpload(alice.client, { type: 'justificatif_qf', file: PDF });
    const agent = await staff('admin');
    expect((await agent.post(`/api/staff/documents/${up.body.id}/accept`, { validUntil: '2026-11-25' })).status).toBe(400);
    expect((await agent.post(`/api/staff/documents/${up.body.id}/accept`, { validUntil: '2027-02-30' })).status).toBe(400);
    expect((await agent.post(`/api/staff/documents/${up.body.id}/accept`, { validUntil: '2027-12-31', extra: 1 })).status).toBe(400);
    expect((await documentRows())[0]!.status).toBe('transmitted');
    const ok = await agent.post(`/api/staff/documents/${up.body.id}/accept`, { validUntil: '2027-12-31' });
    expect(ok.status).toBe(200);
    expect(ok.body.validUntil).toBe('2027-12-31');
  });

  it('refuses with a reason the family reads by e-mail and in its list', async () => {
    const alice = await parent('alice@example.fr');
    const up = await parentUpload(alice.client, { type: 'rib', file: JPEG, contentType: 'image/jpeg', name: 'rib.jpg' });
    const agent = await staff('agent');
    expect((await agent.post(`/api/staff/documents/${up.body.id}/refuse`, {})).status).toBe(400);
    expect((await agent.post(`/api/staff/documents/${up.body.id}/refuse`, { reason: '   ' })).body.message).toMatch(/Indiquez le motif/);
    expect((await agent.post(`/api/staff/documents/${up.body.id}/refuse`, { reason: 'x'.repeat(501) })).status).toBe(400);
    expect(await h.store.db.selectFrom('email_outbox').selectAll().execute()).toHaveLength(0);

    const reason = 'Le RIB est illisible : merci de le numériser de nouveau.';
    const res = await agent.post(`/api/staff/documents/${up.body.id}/refuse`, { reason });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'refused', refusalReason: reason, validUntil: null });
    const mails = await h.store.db.selectFrom('email_outbox').selectAll().execute();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toMatch(/^Document refusé : RIB/);
    expect(mails[0]!.text_body).toContain(reason);
    expect(mails[0]!.text_body).toMatch(/transmettre un nouveau document/);
    const list = await alice.client.get('/api/family/documents');
    expect(list.body.items[0]).toMatchObject({ status: 'refused', refusalReason: reason });
    expect((await agent.post(`/api/staff/documents/${up.body.id}/refuse`, { reason })).status).toBe(409);
    expect((await agent.post('/api/staff/documents/9999/refuse', { reason })).status).toBe(404);

    const audit = await h.store.db.selectFrom('audit_log').selectAll().where('action', '=', 'document.refused').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.family_id).toBe(alice.familyId);
  });

  it('uploads a document for a family at the desk', async () => {
    const { familyId } = await addFamily(h.store, 'alice@example.fr');
    const agent = await staff('agent');
    const res = await upload(h.backoffice, agent, 'staff', `/api/staff/families/${familyId}/documents`, { type: 'attestation_responsabilite_civile', file: PDF, name: 'scan.pdf' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ type: 'attestation_responsabilite_civile', status: 'transmitted', mimeType: 'application/pdf' });
    const row = (await documentRows())[0]!;
    expect(row).toMatchObject({ family_id: familyId, uploaded_by_account_id: null });
    expect(row.uploaded_by_staff_id).toEqual(expect.any(Number));

    const missing = await upload(h.backoffice, agent, 'staff', '/api/staff/families/9999/documents', { type: 'rib', file: PDF });
    expect(missing.status).toBe(404);
    const exe = await upload(h.backoffice, agent, 'staff', `/api/staff/families/${familyId}/documents`, { type: 'rib', file: EXE, name: 'rib.pdf' });
    expect(exe.status).toBe(415);
    expect(await documentRows()).toHaveLength(1);
    expect(filesOnDisk()).toHaveLength(1);
  });

  it('animateurs get 403 on every document endpoint', async () => {
    const { familyId } = await addFamily(h.store, 'alice@example.fr');
    const anim = await staff('animateur');
    for (const url of ['/api/staff/documents', '/api/staff/documents?status=transmitted', '/api/staff/documents/1/file']) {
      expect((await anim.get(url)).status, url).toBe(403);
    }
    expect((await anim.post('/api/staff/documents/1/accept', {})).status).toBe(403);
    expect((await anim.post('/api/staff/documents/1/refuse', { reason: 'x' })).status).toBe(403);
    const up = await upload(h.backoffice, anim, 'staff', `/api/staff/families/${familyId}/documents`, { type: 'rib', file: PDF });
    expect(up.status).toBe(403);
    expect(filesOnDisk()).toEqual([]);
  });
});

describe('expiry at the end of the school year', () => {
  it('marks accepted documents expired once their last valid day has passed', async () => {
    const alice = await parent('alice@example.fr');
    const up = await parentUpload(alice.client, { type: 'attestation_responsabilite_civile', file: PDF });
    const pending = await parentUpload(alice.client, { type: 'rib', file: PDF });
    const agent = await staff('agent');
    await agent.post(`/api/staff/documents/${up.body.id}/accept`, {});

    h.clock.set('2027-08-31T21:59:00Z'); // 23:59 in Paris, still 31 August
    expect(await expireDocuments(h.store.db, '2027-08-31', h.clock.now())).toBe(0);
    expect((await documentRows()).find((r) => r.id === up.body.id)!.status).toBe('accepted');

    h.clock.set('2027-09-01T02:00:00+02:00');
    expect(await expireDocuments(h.store.db, '2027-09-01', h.clock.now())).toBe(1);
    const rows = await documentRows();
    expect(rows.find((r) => r.id === up.body.id)!.status).toBe('expired');
    expect(rows.find((r) => r.id === pending.body.id)!.status).toBe('transmitted');
    const audit = await h.store.db.selectFrom('audit_log').selectAll().where('action', '=', 'document.expired').execute();
    expect(audit).toMatchObject([{ actor_type: 'system', entity_id: up.body.id, family_id: alice.familyId }]);
    expect(await expireDocuments(h.store.db, '2027-09-02', h.clock.now())).toBe(0);
  });
});

describe('receiveUpload', () => {
  it('throws AppErrors only', async () => {
    const req = Object.assign(new PassThrough(), { headers: { 'content-type': 'multipart/form-data' } }) as unknown as UploadRequest;
    await expect(receiveUpload(req, { dataDir, maxBytes: 1024, allowedFields: [] })).rejects.toBeInstanceOf(AppError);
  });
});

describe('purgeStaleUploads', () => {
  it('removes temporary files older than a day, and only those', async () => {
    fs.mkdirSync(documentsDir(dataDir), { recursive: true });
    const old = tempFilePath(dataDir, newStorageKey());
    const fresh = tempFilePath(dataDir, newStorageKey());
    const stored = path.join(documentsDir(dataDir), newStorageKey());
    for (const f of [old, fresh, stored]) fs.writeFileSync(f, 'x');
    const now = new Date('2026-11-26T09:00:00Z');
    fs.utimesSync(old, new Date('2026-11-25T08:00:00Z'), new Date('2026-11-25T08:00:00Z'));
    fs.utimesSync(fresh, new Date('2026-11-26T08:30:00Z'), new Date('2026-11-26T08:30:00Z'));
    fs.utimesSync(stored, new Date('2020-01-01T00:00:00Z'), new Date('2020-01-01T00:00:00Z'));
    expect(await purgeStaleUploads(dataDir, now)).toBe(1);
    expect(filesOnDisk().sort()).toEqual([path.basename(fresh), path.basename(stored)].sort());
  });
});
