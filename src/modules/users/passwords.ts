// Passwords are hashed with scrypt (memory-hard, in node's standard library) and compared in constant time.
// Which passwords may be set follows NIST SP 800-63B §3.1.1.2: at least 12 characters and at most
// 1024, not one of the commonly used or breached passwords, not the username, no single repeated
// character or simple sequence — and no composition rules (no "one digit, one symbol").
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { dictionary } from '@zxcvbn-ts/language-common';
import { Problem } from '../../http/problems.ts';
import { t, type Message } from '../../i18n/message.ts';

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))));

const PARAMS = { N: 16384, r: 8, p: 1, keylen: 32 };
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1024;

/** zxcvbn-ts's list of the most used passwords (from breach corpora), compared lower-cased. */
const COMMON = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));

/** A run like "abcdefghijkl", "987654321098" or "1357913579..": every step between characters the same. */
function isSequence(chars: number[]): boolean {
  const step = (chars[1] ?? 0) - (chars[0] ?? 0);
  const wraps = (from: number, to: number) => (step === 1 && from === 57 && to === 48) || (step === -1 && from === 48 && to === 57); // 9→0, 0→9
  return Math.abs(step) <= 2 && chars.every((c, i) => i === 0 || c - chars[i - 1]! === step || wraps(chars[i - 1]!, c));
}

/** Why `password` may not be set for `username`, or null when it may. */
export function passwordWeakness(password: string, username: string): Message | null {
  const chars = [...password];
  if (chars.length < MIN_PASSWORD_LENGTH) return t`must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (chars.length > MAX_PASSWORD_LENGTH) return t`must be at most ${MAX_PASSWORD_LENGTH} characters`;
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return t`is one of the most commonly used passwords; choose another (a few unrelated words make a good one)`;
  const name = username.trim().toLowerCase();
  if (name.length >= 3 && lower.includes(name)) return t`must not contain the username`;
  if (/^(.{1,4})\1+$/su.test(lower)) return t`must not be one character or a short pattern repeated`;
  if (isSequence(chars.map((c) => c.codePointAt(0)!))) return t`must not be a simple sequence of characters`;
  return null;
}

/** Throws 422 weak_password naming `path` when the password may not be set. */
export function assertAcceptablePassword(password: string, username: string, path: string): void {
  const why = passwordWeakness(password, username);
  if (why) throw new Problem('weak_password', t`The password ${why}`, { errors: [{ path, message: why }] });
}

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
