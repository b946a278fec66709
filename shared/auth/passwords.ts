import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): ~30 ms on an old office PC.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** argon2id is @node-rs/argon2's default algorithm; the encoded hash starts with `$argon2id$`. */
export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS);

export async function verifyPassword(encoded: string, password: string): Promise<boolean> {
  try {
    return await verify(encoded, password);
  } catch {
    return false;
  }
}

// Verifying against this when the account does not exist keeps the response time the same,
// so timing does not reveal which e-mails have an account.
let dummyHash: Promise<string> | undefined;
export const dummyVerify = async (password: string): Promise<void> => {
  dummyHash ??= hashPassword('marelle-dummy-password');
  await verifyPassword(await dummyHash, password);
};

export { passwordWeakness } from './passwordPolicy';
