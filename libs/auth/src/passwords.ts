import { randomBytes, scrypt, ScryptOptions, timingSafeEqual } from 'node:crypto';
import { compare as bcryptCompare } from 'bcryptjs';

/**
 * Password hashes: scrypt from Node's crypto, which runs on libuv's thread pool, so hashing a
 * sign-in does not stall the event loop that serves every other request (pure-JS bcrypt took
 * about 90 ms of main-thread CPU per hash). Hashes written before are bcrypt (`$2…`); they still
 * verify, and are replaced by an scrypt hash at the next successful sign-in.
 *
 * Format: `scrypt$<log2 N>$<r>$<p>$<salt, base64>$<key, base64>`, so the cost can be raised
 * later without invalidating stored hashes.
 */
const COST = { log2N: 15, r: 8, p: 1 };
const KEY_BYTES = 32;

function derive(password: string, salt: Buffer, log2N: number, r: number, p: number): Promise<Buffer> {
  const options: ScryptOptions = { N: 2 ** log2N, r, p, maxmem: 256 * 2 ** log2N * r };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_BYTES, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, COST.log2N, COST.r, COST.p);
  return ['scrypt', COST.log2N, COST.r, COST.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export interface PasswordCheck {
  ok: boolean;
  /** The stored hash is of an older kind or cost: store `hashPassword(password)` instead. */
  outdated: boolean;
}

export async function verifyPassword(password: string, stored: string): Promise<PasswordCheck> {
  if (stored.startsWith('$2')) return { ok: await bcryptCompare(password, stored), outdated: true };
  const [kind, log2N, r, p, salt, key] = stored.split('$');
  if (kind !== 'scrypt' || !key) return { ok: false, outdated: false };
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), Number(log2N), Number(r), Number(p));
  const ok = actual.length === expected.length && timingSafeEqual(actual, expected);
  return { ok, outdated: Number(log2N) !== COST.log2N || Number(r) !== COST.r || Number(p) !== COST.p };
}

let decoy: Promise<string> | undefined;
/**
 * A hash to check against when the account does not exist, so that an unknown email costs as
 * long as a wrong password (no account enumeration by timing).
 */
export const decoyHash = (): Promise<string> => (decoy ??= hashPassword(randomBytes(12).toString('hex')));
