// Passwords are hashed with scrypt (memory-hard, in node's standard library) and compared in constant time.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))));

const PARAMS = { N: 16384, r: 8, p: 1, keylen: 32 };
export const MIN_PASSWORD_LENGTH = 12;

/**
 * Sets scrypt's N for new hashes to 2^log2N (config.passwordCost; the app sets it at start). Each
 * hash names its own parameters, so hashes made at another cost still verify.
 */
export function setPasswordCost(log2N: number): void {
  PARAMS.N = 2 ** log2N;
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, PARAMS.keylen, { N: PARAMS.N, r: PARAMS.r, p: PARAMS.p, maxmem: 64 * 1024 * 1024 });
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || salt === undefined || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: 64 * 1024 * 1024 });
  return timingSafeEqual(expected, actual);
}

const dummies = new Map<number, Promise<string>>();

/**
 * A hash of a random password at the current cost: compared against when the username does not
 * exist, so timing does not tell.
 */
export function dummyHash(): Promise<string> {
  let hash = dummies.get(PARAMS.N);
  if (!hash) dummies.set(PARAMS.N, hash = hashPassword(randomBytes(16).toString('hex')));
  return hash;
}

export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
