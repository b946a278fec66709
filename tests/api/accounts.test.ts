import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashToken } from '../../shared/auth/tokens';
import { deliverDueEmails, smtpTransport } from '../../shared/mail/delivery';
import { parentClient } from '../support/client';
import { addFamily, createHarness, PASSWORD, type Harness } from '../support/harness';
import { startSmtpReceiver } from '../support/smtp';

const STRONG = 'Bonjour-Marelle-42';
const OTHER_STRONG = 'Autre-Secret-2027!';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let h: Harness;
beforeEach(() => {
  h = createHarness({ config: { publicUrl: 'https://portail.mairie.test' } });
});
afterEach(() => h.close());

const outbox = () => h.store.db.selectFrom('email_outbox').selectAll().orderBy('id').execute();
const mailsTo = async (to: string) => (await outbox()).filter((m) => m.to_address === to);
const lastMailTo = async (to: string) => {
  const mails = await mailsTo(to);
  const last = mails.at(-1);
  if (!last) throw new Error(`no e-mail to ${to}`);
  return last;
};
const tokenIn = (text: string, page: 'confirmer-email' | 'reinitialiser-mot-de-passe'): string => {
  const match = new RegExp(`https://portail\\.mairie\\.test/${page}\\?token=([A-Za-z0-9_-]+)`).exec(text);
  if (!match?.[1]) throw new Error(`no ${page} link in:\n${text}`);
  return match[1];
};
const count = async (table: 'families' | 'portal_accounts' | 'guardians' | 'email_outbox' | 'sessions') =>
  Number((await h.store.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const accountRow = (email: string) =>
  h.store.db.selectFrom('portal_accounts').selectAll().where('email', '=', email).executeTakeFirst();

async function registerAndGetToken(email: string, password = STRONG): Promise<string> {
  const res = await parentClient(h.portal).post('/api/auth/register', { email, password });
  expect(res.status).toBe(201);
  return tokenIn((await lastMailTo(email)).text_body, 'confirmer-email');
}

async function loggedIn(email: string, password = PASSWORD) {
  const c = parentClient(h.portal);
  const res = await c.post('/api/auth/login', { email, password });
  expect(res.status).toBe(200);
  return c;
}

describe('registration and e-mail confirmation', () => {
  it('creates the family unverified, e-mails a link, and the link logs the parent in at ÉTAPE 2', async () => {
    const c = parentClient(h.portal);
    const res = await c.post('/api/auth/register', { email: '  Claire.Martin@Example.FR ', password: STRONG });
    expect(res.status).toBe(201);
    expect(res.body.message).toMatch(/claire\.martin@example\.fr/);
    expect(res.body.message).toMatch(/48 heures/);
    expect(c.cookie('marelle_session')).toBeUndefined();

    const account = await accountRow('claire.martin@example.fr');
    expect(account).toBeDefined();
    expect(account?.password_hash.startsWith('$argon2id$')).toBe(true);
    expect(account?.email_verified_at).toBeNull();
    const family = await h.store.db.selectFrom('families').selectAll().where('id', '=', account!.family_id).executeTakeFirstOrThrow();
    expect(family.status).toBe('email_unverified');
    // The responsable's record is the profile step's (ÉTAPE 2), not registration's.
    expect(await count('guardians')).toBe(0);

    const mail = await lastMailTo('claire.martin@example.fr');
    expect(mail.subject).toMatch(/Confirmez votre adresse e-mail/);
    expect(mail.text_body).toMatch(/^Bonjour,/);
    expect(mail.text_body).toMatch(/valable 48 heures/);
    expect(mail.family_id).toBe(family.id);
    const token = tokenIn(mail.text_body, 'confirmer-email');
    // Only the SHA-256 of the link's token is stored.
    const stored = await h.store.db.selectFrom('email_tokens').selectAll().execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ purpose: 'verify_email', token_hash: hashToken(token), account_id: account!.id });
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored[0]?.expires_at).toBe(new Date(h.clock.now().getTime() + 48 * HOUR).toISOString());

    expect((await c.get('/api/me')).status).toBe(401);
    const verified = await c.post('/api/auth/verify-email', { token });
    expect(verified.status).toBe(200);
    expect(verified.body.message).toMatch(/confirmée/);
    expect(c.cookie('marelle_session')).toBeTruthy();
    expect(c.cookie('marelle_csrf')).toBeTruthy();
    const me = await c.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body.account.email).toBe('claire.martin@example.fr');
    expect(me.body.family).toMatchObject({ id: family.id, status: 'profile_incomplete', reservationsOpen: false });
    expect((await accountRow('claire.martin@example.fr'))?.email_verified_at).toBe(h.clock.now().toISOString());

    const audit = await h.store.db.selectFrom('audit_log').select(['action', 'changes']).where('family_id', '=', family.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['family.created', 'account.created', 'account.email_verified', 'family.status_changed']);
    expect(JSON.stringify(audit)).not.toContain(STRONG);

    // The password chosen at ÉTAPE 1 is the one to log in with.
    expect((await parentClient(h.portal).post('/api/auth/login', { email: 'claire.martin@example.fr', password: STRONG })).status).toBe(200);
  });

  it('refuses a link used twice', async () => {
    const token = await registerAndGetToken('paul@example.fr');
    expect((await parentClient(h.portal).post('/api/auth/verify-email', { token })).status).toBe(200);
    const again = parentClient(h.portal);
    const res = await again.post('/api/auth/verify-email', { token });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_token');
    expect(res.body.message).toMatch(/déjà été utilisé/);
    expect(again.cookie('marelle_session')).toBeUndefined();
  });

  it('refuses an unknown or garbled token', async () => {
    const res = await parentClient(h.portal).post('/api/auth/verify-email', { token: 'n-importe-quoi' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'invalid_token' });
    expect(res.body.message).toMatch(/n’est pas valide/);
  });

  it('accepts the link until 48 hours have passed', async () => {
    const token = await registerAndGetToken('tard@example.fr');
    h.clock.advance(48 * HOUR - MINUTE);
    expect((await parentClient(h.portal).post('/api/auth/verify-email', { token })).status).toBe(200);
  });

  it('refuses the link after 48 hours; a new link can be asked for and only the newest works', async () => {
    const first = await registerAndGetToken('lea@example.fr');
    h.clock.advance(48 * HOUR + MINUTE);
    const expired = await parentClient(h.portal).post('/api/auth/verify-email', { token: first });
    expect(expired.status).toBe(400);
    expect(expired.body.error).toBe('invalid_token');
    expect(expired.body.message).toMatch(/expiré/);
    expect((await accountRow('lea@example.fr'))?.email_verified_at).toBeNull();

    const resend = await parentClient(h.portal).post('/api/auth/resend-verification', { email: 'LEA@example.fr' });
    expect(resend.status).toBe(202);
    const second = tokenIn((await lastMailTo('lea@example.fr')).text_body, 'confirmer-email');
    expect(second).not.toBe(first);
    // A further request replaces the second link by a third one.
    await parentClient(h.portal).post('/api/auth/resend-verification', { email: 'lea@example.fr' });
    const third = tokenIn((await lastMailTo('lea@example.fr')).text_body, 'confirmer-email');
    const superseded = await parentClient(h.portal).post('/api/auth/verify-email', { token: second });
    expect(superseded.status).toBe(400);
    expect(superseded.body.error).toBe('invalid_token');

    const c = parentClient(h.portal);
    expect((await c.post('/api/auth/verify-email', { token: third })).status).toBe(200);
    expect((await c.get('/api/me')).body.family.status).toBe('profile_incomplete');
  });

  it('answers a resend the same way for an unknown or already confirmed address, and sends nothing', async () => {
    await addFamily(h.store, 'confirmee@example.fr');
    const unknown = await parentClient(h.portal).post('/api/auth/resend-verification', { email: 'personne@example.fr' });
    const confirmed = await parentClient(h.portal).post('/api/auth/resend-verification', { email: 'confirmee@example.fr' });
    expect(unknown.status).toBe(202);
    expect(confirmed.status).toBe(202);
    expect(confirmed.body).toEqual(unknown.body);
    expect(await count('email_outbox')).toBe(0);
  });

  it('does not reveal an existing account: same answer, the owner is told by e-mail, no second account', async () => {
    await addFamily(h.store, 'alice@example.fr');
    const families = await count('families');
    const fresh = await parentClient(h.portal).post('/api/auth/register', { email: 'inconnu@example.fr', password: STRONG });
    const taken = await parentClient(h.portal).post('/api/auth/register', { email: ' Alice@Example.fr', password: OTHER_STRONG });
    expect(taken.status).toBe(fresh.status);
    expect(taken.body.message.replace('alice@example.fr', 'X')).toBe(fresh.body.message.replace('inconnu@example.fr', 'X'));
    expect(Object.keys(taken.body)).toEqual(Object.keys(fresh.body));

    expect(await count('families')).toBe(families + 1);
    const alices = await h.store.db.selectFrom('portal_accounts').select('id').where('email', '=', 'alice@example.fr').execute();
    expect(alices).toHaveLength(1);
    const mail = await lastMailTo('alice@example.fr');
    expect(mail.subject).toMatch(/déjà un compte/);
    expect(mail.text_body).toMatch(/Un compte existe déjà/);
    expect(mail.text_body).toContain('https://portail.mairie.test/mot-de-passe-oublie');
    // The owner's password is untouched.
    expect((await parentClient(h.portal).post('/api/auth/login', { email: 'alice@example.fr', password: PASSWORD })).status).toBe(200);
    expect((await parentClient(h.portal).post('/api/auth/login', { email: 'alice@example.fr', password: OTHER_STRONG })).status).toBe(401);
  });

  it('re-sends a confirmation link to the owner of an existing account that never confirmed it', async () => {
    const first = await registerAndGetToken('oubli@example.fr');
    const again = await parentClient(h.portal).post('/api/auth/register', { email: 'oubli@example.fr', password: OTHER_STRONG });
    expect(again.status).toBe(201);
    expect(await count('portal_accounts')).toBe(1);
    const mail = await lastMailTo('oubli@example.fr');
    expect(mail.text_body).toMatch(/Un compte existe déjà/);
    const token = tokenIn(mail.text_body, 'confirmer-email');
    expect((await parentClient(h.portal).post('/api/auth/verify-email', { token: first })).status).toBe(400);
    expect((await parentClient(h.portal).post('/api/auth/verify-email', { token })).status).toBe(200);
  });

  it.each([
    ['Court1!', /au moins 10 caractères/],
    ['abcdefghijklmnop', /trois types de caractères/],
    ['ABCDEFGHIJ1234', /trois types de caractères/],
  ])('refuses the weak password %s and says why, creating nothing', async (password, why) => {
    const res = await parentClient(h.portal).post('/api/auth/register', { email: 'faible@example.fr', password });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('validation');
    expect(res.body.message).toMatch(why);
    expect(res.body.issues).toEqual([{ path: 'password', message: res.body.message }]);
    expect(await count('families')).toBe(0);
    expect(await count('portal_accounts')).toBe(0);
    expect(await count('email_outbox')).toBe(0);
  });

  it.each(['pas-une-adresse', 'alice@', '@example.fr', 'alice @example.fr', 'alice@example', '', 'a'.repeat(250) + '@example.fr'])(
    'refuses the malformed e-mail %j on every form',
    async (email) => {
      for (const url of ['/api/auth/register', '/api/auth/resend-verification', '/api/auth/forgot-password']) {
        const body = url === '/api/auth/register' ? { email, password: STRONG } : { email };
        const res = await parentClient(h.portal).post(url, body);
        expect(res.status, url).toBe(400);
        expect(res.body.error).toBe('validation');
        expect(res.body.issues[0].path).toBe('email');
        expect(res.body.message).toMatch(/Adresse e-mail|adresse e-mail/);
      }
      expect(await count('families')).toBe(0);
      expect(await count('email_outbox')).toBe(0);
    },
  );

  it('refuses unknown fields', async () => {
    const c = parentClient(h.portal);
    const reg = await c.post('/api/auth/register', { email: 'x@example.fr', password: STRONG, status: 'validated' });
    expect(reg.status).toBe(400);
    expect(reg.body.error).toBe('validation');
    expect(await count('families')).toBe(0);
    expect((await c.post('/api/auth/verify-email', { token: 'abc', email: 'x@example.fr' })).status).toBe(400);
    expect((await c.post('/api/auth/forgot-password', { email: 'x@example.fr', admin: true })).status).toBe(400);
    expect((await c.post('/api/auth/reset-password', { token: 'abc', password: STRONG, accountId: 1 })).status).toBe(400);
    expect((await c.post('/api/auth/confirm-email-change', { token: 'abc', newEmail: 'y@example.fr' })).status).toBe(400);

    await addFamily(h.store, 'alice@example.fr');
    const alice = await loggedIn('alice@example.fr');
    const pw = await alice.put('/api/family/account/password', { currentPassword: PASSWORD, newPassword: STRONG, accountId: 2 });
    expect(pw.status).toBe(400);
    const mail = await alice.put('/api/family/account/email', { currentPassword: PASSWORD, newEmail: 'z@example.fr', familyId: 9 });
    expect(mail.status).toBe(400);
    expect(await count('email_outbox')).toBe(0);
  });

  it('limits registrations per address so the form cannot flood a mailbox', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await parentClient(h.portal).post('/api/auth/register', { email: 'cible@example.fr', password: STRONG })).status);
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
    // The quota is the mailbox's, whichever form asks: resending counts too.
    const resend = await parentClient(h.portal).post('/api/auth/resend-verification', { email: 'cible@example.fr' });
    expect(resend.status).toBe(429);
    expect(await mailsTo('cible@example.fr')).toHaveLength(5);
    expect(await count('portal_accounts')).toBe(1);
  });
});

describe('forgotten password', () => {
  it('e-mails a reset link; the new password works, the old one no longer does, every session is closed', async () => {
    const { accountId } = await addFamily(h.store, 'alice@example.fr');
    const laptop = await loggedIn('alice@example.fr');
    const phone = await loggedIn('alice@example.fr');
    expect((await laptop.get('/api/me')).status).toBe(200);

    const stranger = parentClient(h.portal);
    const forgot = await stranger.post('/api/auth/forgot-password', { email: 'Alice@example.fr' });
    const unknown = await stranger.post('/api/auth/forgot-password', { email: 'nobody@example.fr' });
    expect(forgot.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(forgot.body).toEqual(unknown.body);
    expect(forgot.body.message).toMatch(/2 heures/);
    expect(await mailsTo('nobody@example.fr')).toHaveLength(0);

    const mail = await lastMailTo('alice@example.fr');
    expect(mail.subject).toMatch(/Réinitialisation/);
    const token = tokenIn(mail.text_body, 'reinitialiser-mot-de-passe');
    const stored = await h.store.db.selectFrom('email_tokens').selectAll().where('purpose', '=', 'reset_password').executeTakeFirstOrThrow();
    expect(stored.token_hash).toBe(hashToken(token));
    expect(stored.expires_at).toBe(new Date(h.clock.now().getTime() + 2 * HOUR).toISOString());

    // A weak new password is refused with its reason and does not use up the link.
    const weak = await stranger.post('/api/auth/reset-password', { token, password: 'Court-1' });
    expect(weak.status).toBe(400);
    expect(weak.body.message).toMatch(/au moins 10 caractères/);

    const reset = await stranger.post('/api/auth/reset-password', { token, password: STRONG });
    expect(reset.status).toBe(200);
    expect(reset.body.message).toMatch(/sessions ont été fermées/);
    expect(stranger.cookie('marelle_session')).toBeUndefined();
    expect(await h.store.db.selectFrom('sessions').selectAll().where('account_id', '=', accountId).execute()).toHaveLength(0);
    expect((await laptop.get('/api/me')).status).toBe(401);
    expect((await phone.get('/api/me')).status).toBe(401);

    expect((await parentClient(h.portal).post('/api/auth/login', { email: 'alice@example.fr', password: PASSWORD })).status).toBe(401);
    expect((await parentClient(h.portal).post('/api/auth/login', { email: 'alice@example.fr', password: STRONG })).status).toBe(200);

    const reuse = await parentClient(h.portal).post('/api/auth/reset-password', { token, password: OTHER_STRONG });
    expect(reuse.status).toBe(400);
    expect(reuse.body.error).toBe('invalid_token');
    expect((await parentClient(h.portal).post('/api/auth/login', { email: 'alice@example.fr', password: STRONG })).status).toBe(200);

    const audit = await h.store.db.selectFrom('audit_log').select(['action', 'changes']).where('entity_id', '=', accountId).execute();
    expect(audit.map((a) => a.action)).toContain('account.password_reset');
    expect(JSON.stringify(audit)).not.toContain(STRONG);
    expect((await lastMailTo('alice@example.fr')).subject).toMatch(/mot de passe a été modifié/);
  });

  it('expires the reset link after 2 hours, and a new request replaces the previous link', async () => {
    await addFamily(h.store, 'alice@example.fr');
    const c = parentClient(h.portal);
    await c.post('/api/auth/forgot-password', { email: 'alice@example.fr' });
    const first = tokenIn((await lastMailTo('alice@example.fr')).text_body, 'reinitialiser-mot-de-passe');
    h.clock.advance(2 * HOUR + MINUTE);
    const expired = await c.post('/api/auth/reset-password', { token: first, password: STRONG });
    expect(expired.status).toBe(400);
    expect(expired.body.error).toBe('invalid_token');
    expect(expired.body.message).toMatch(/expiré/);

    await c.post('/api/auth/forgot-password', { email: 'alice@example.fr' });
    const second = tokenIn((await lastMailTo('alice@example.fr')).text_body, 'reinitialiser-mot-de-passe');
    await c.post('/api/auth/forgot-password', { email: 'alice@example.fr' });
    const third = tokenIn((await lastMailTo('alice@example.fr')).text_body, 'reinitialiser-mot-de-passe');
    expect((await c.post('/api/auth/reset-password', { token: second, password: STRONG })).status).toBe(400);
    expect((await c.post('/api/auth/reset-password', { token: third, password: STRONG })).status).toBe(200);
    expect((await parentClient(h.portal).post('/api/auth/login', { email: 'alice@example.fr', password: PASSWORD })).status).toBe(401);
  });

  it('throttles forgot-password per e-mail (5 an hour) and per client address (20 an hour)', async () => {
    await addFamily(h.store, 'alice@example.fr');
    const c = parentClient(h.portal);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await c.post('/api/auth/forgot-password', { email: 'alice@example.fr' })).status);
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429, 429]);
    const limited = await c.post('/api/auth/forgot-password', { email: 'alice@example.fr' });
    expect(limited.body.error).toBe('rate_limited');
    expect(limited.body.message).toMatch(/Trop de demandes.*réessayez dans 60 minutes/);
    expect(limited.headers['retry-after']).toBe('3600');
    expect(await mailsTo('alice@example.fr')).toHaveLength(5);
    // The same limit for an address without an account: the 429 reveals nothing.
    const ghost: number[] = [];
    for (let i = 0; i < 6; i++) ghost.push((await c.post('/api/auth/forgot-password', { email: 'ghost@example.fr' })).status);
    expect(ghost).toEqual([202, 202, 202, 202, 202, 429]);

    h.clock.advance(HOUR + MINUTE);
    expect((await c.post('/api/auth/forgot-password', { email: 'alice@example.fr' })).status).toBe(202);
    expect(await mailsTo('alice@example.fr')).toHaveLength(6);

    // One client spraying many addresses: 20 an hour in all (one was used just above).
    const spray: number[] = [];
    for (let i = 0; i < 20; i++) spray.push((await c.post('/api/auth/forgot-password', { email: `victime${i}@example.fr` })).status);
    expect(spray.slice(0, 19).every((s) => s === 202)).toBe(true);
    expect(spray[19]).toBe(429);
  });
});

describe('changing the password while logged in', () => {
  it('refuses a wrong current password and changes nothing', async () => {
    const { accountId } = await addFamily(h.store, 'alice@example.fr');
    const c = await loggedIn('alice@example.fr');
    const other = await loggedIn('alice@example.fr');
    const before = (await accountRow('alice@example.fr'))!.password_hash;
    const res = await c.put('/api/family/account/password', { currentPassword: 'Pas-Le-Bon-1', newPassword: STRONG });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('Le mot de passe actuel est incorrect.');
    expect(res.body.issues[0].path).toBe('currentPassword');
    expect((await accountRow('alice@example.fr'))!.password_hash).toBe(before);
    expect((await other.get('/api/me')).status).toBe(200);
    expect((await c.get('/api/me')).status).toBe(200);
    expect(await h.store.db.selectFrom('audit_log').selectAll().where('entity_id', '=', accountId).execute()).toHaveLength(0);
    expect(await count('email_outbox')).toBe(0);
  });

  it('refuses a weak new password with its reason', async () => {
    await addFamily(h.store, 'alice@example.fr');
    const c = await loggedIn('alice@example.fr');
    const res = await c.put('/api/family/account/password', { currentPassword: PASSWORD, newPassword: 'toutenminuscules' });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/trois types/);
    expect(res.body.issues[0].path).toBe('newPassword');
  });

  it('limits wrong current passwords like logins', async () => {
    await addFamily(h.store, 'alice@example.fr');
    const c = await loggedIn('alice@example.fr');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await c.put('/api/family/account/password', { currentPassword: `faux-${i}`, newPassword: STRONG })).status);
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
    expect((await c.put('/api/family/account/password', { currentPassword: PASSWORD, newPassword: STRONG })).status).toBe(429);
  });

  it('changes it, keeps this session and closes the others', async () => {
    const { accountId } = await addFamily(h.store, 'alice@example.fr');
    const c = await loggedIn('alice@example.fr');
    const other = await loggedIn('alice@example.fr');
    const res = await c.put('/api/family/account/password', { currentPassword: PASSWORD, newPassword: STRONG });
    expect(res.status).toBe(200);
    expect(res.body.message).toMatch(/autres sessions/);
    expect((await c.get('/api/me')).status).toBe(200);
    expect((await other.get('/api/me')).status).toBe(401);
    expect((await parentClient(h.portal).post('/api/auth/login', { email: 'alice@example.fr', password: PASSWORD })).status).toBe(401);
    expect((await parentClient(h.portal).post('/api/auth/login', { email: 'alice@example.fr', password: STRONG })).status).toBe(200);
    const audit = await h.store.db.selectFrom('audit_log').select('action').where('entity_id', '=', accountId).execute();
    expect(audit.map((a) => a.action)).toEqual(['account.password_changed']);
    expect((await lastMailTo('alice@example.fr')).subject).toMatch(/mot de passe a été modifié/);
  });

  it('needs a session', async () => {
    const res = await parentClient(h.portal).put('/api/family/account/password', { currentPassword: PASSWORD, newPassword: STRONG });
    expect(res.status).toBe(401);
  });
});

describe('changing the e-mail address', () => {
  it('re-confirms the new address before it becomes the login', async () => {
    const { accountId, familyId } = await addFamily(h.store, 'alice@example.fr');
    const c = await loggedIn('alice@example.fr');

    const wrong = await c.put('/api/family/account/email', { newEmail: 'alice.new@example.fr', currentPassword: 'Pas-Le-Bon-1' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.issues[0].path).toBe('currentPassword');
    expect(await count('email_outbox')).toBe(0);

    const bad = await c.put('/api/family/account/email', { newEmail: 'alice.new@', currentPassword: PASSWORD });
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toBe('newEmail');

    const same = await c.put('/api/family/account/email', { newEmail: 'ALICE@example.fr', currentPassword: PASSWORD });
    expect(same.status).toBe(400);
    expect(same.body.message).toMatch(/déjà votre adresse/);

    const res = await c.put('/api/family/account/email', { newEmail: ' Alice.New@Example.fr ', currentPassword: PASSWORD });
    expect(res.status).toBe(202);
    expect(res.body.message).toMatch(/alice\.new@example\.fr/);
    // Nothing changes until the link is followed.
    expect((await accountRow('alice@example.fr'))?.id).toBe(accountId);
    expect((await parentClient(h.portal).post('/api/auth/login', { email: 'alice.new@example.fr', password: PASSWORD })).status).toBe(401);
    expect((await lastMailTo('alice@example.fr')).subject).toMatch(/changement d’adresse/);
    const mail = await lastMailTo('alice.new@example.fr');
    expect(mail.text_body).toMatch(/https:\/\/portail\.mairie\.test\/confirmer-email\?token=[A-Za-z0-9_-]+&change=1/);
    const token = tokenIn(mail.text_body, 'confirmer-email');

    // The link is not a registration confirmation.
    expect((await parentClient(h.portal).post('/api/auth/verify-email', { token })).status).toBe(400);

    const confirm = await parentClient(h.portal).post('/api/auth/confirm-email-change', { token });
    expect(confirm.status).toBe(200);
    expect(confirm.body.email).toBe('alice.new@example.fr');
    expect(confirm.body.message).toMatch(/alice\.new@example\.fr/);

    expect((await c.get('/api/me')).body.account.email).toBe('alice.new@example.fr');
    expect((await parentClient(h.portal).post('/api/auth/login', { email: 'alice@example.fr', password: PASSWORD })).status).toBe(401);
    expect((await parentClient(h.portal).post('/api/auth/login', { email: 'alice.new@example.fr', password: PASSWORD })).status).toBe(200);
    const guardian = await h.store.db.selectFrom('guardians').select('email').where('family_id', '=', familyId).executeTakeFirstOrThrow();
    expect(guardian.email).toBe('alice.new@example.fr');
    expect((await lastMailTo('alice@example.fr')).subject).toMatch(/adresse e-mail a été modifiée/);

    const audit = await h.store.db.selectFrom('audit_log').select(['action', 'changes']).where('family_id', '=', familyId).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['account.email_change_requested', 'account.email_changed', 'guardian.updated']);
    expect(JSON.parse(audit[1]!.changes!)).toEqual({ email: ['alice@example.fr', 'alice.new@example.fr'] });

    const reuse = await parentClient(h.portal).post('/api/auth/confirm-email-change', { token });
    expect(reuse.status).toBe(400);
    expect(reuse.body.error).toBe('invalid_token');
  });

  it('tells the logged-in owner clearly that the new address belongs to another account', async () => {
    await addFamily(h.store, 'alice@example.fr');
    await addFamily(h.store, 'bob@example.fr');
    const c = await loggedIn('alice@example.fr');
    const res = await c.put('/api/family/account/email', { newEmail: 'Bob@example.fr', currentPassword: PASSWORD });
    expect(res.status).toBe(409);
    expect(res.body.error).toBe('conflict');
    expect(res.body.message).toMatch(/déjà utilisée par un autre compte/);
    expect(await count('email_outbox')).toBe(0);
    expect(await h.store.db.selectFrom('email_tokens').selectAll().execute()).toHaveLength(0);
  });

  it('refuses the confirmation if the address was taken in the meantime, and expires after 48 hours', async () => {
    await addFamily(h.store, 'alice@example.fr');
    const c = await loggedIn('alice@example.fr');
    await c.put('/api/family/account/email', { newEmail: 'partage@example.fr', currentPassword: PASSWORD });
    const token = tokenIn((await lastMailTo('partage@example.fr')).text_body, 'confirmer-email');
    await addFamily(h.store, 'partage@example.fr');
    const taken = await parentClient(h.portal).post('/api/auth/confirm-email-change', { token });
    expect(taken.status).toBe(409);
    expect(taken.body.message).toMatch(/alice@example\.fr/);
    expect((await c.get('/api/me')).body.account.email).toBe('alice@example.fr');

    await c.put('/api/family/account/email', { newEmail: 'plus-tard@example.fr', currentPassword: PASSWORD });
    const late = tokenIn((await lastMailTo('plus-tard@example.fr')).text_body, 'confirmer-email');
    h.clock.advance(48 * HOUR + MINUTE);
    const expired = await parentClient(h.portal).post('/api/auth/confirm-email-change', { token: late });
    expect(expired.status).toBe(400);
    expect(expired.body.message).toMatch(/expiré/);
    expect((await h.store.db.selectFrom('portal_accounts').select('email').executeTakeFirstOrThrow()).email).toBe('alice@example.fr');
  });
});

describe('over real SMTP', () => {
  it('delivers the confirmation e-mail and its link logs the new parent in', async () => {
    const smtp = await startSmtpReceiver();
    try {
      const c = parentClient(h.portal);
      expect((await c.post('/api/auth/register', { email: 'smtp.parent@example.fr', password: STRONG })).status).toBe(201);
      const result = await deliverDueEmails(h.store.db, smtpTransport(smtp.url), h.deps.config.mailFrom, h.clock.now());
      expect(result).toEqual({ sent: 1, failed: 0 });
      const mail = await smtp.waitFor((m) => m.to.includes('smtp.parent@example.fr'));
      expect(mail.subject).toMatch(/Confirmez votre adresse e-mail/);
      const token = tokenIn(mail.text, 'confirmer-email');

      const verified = await c.post('/api/auth/verify-email', { token });
      expect(verified.status).toBe(200);
      const me = await c.get('/api/me');
      expect(me.body.account.email).toBe('smtp.parent@example.fr');
      expect(me.body.family.status).toBe('profile_incomplete');
    } finally {
      await smtp.close();
    }
  });
});
