import { randomBytes } from 'node:crypto';

// Crockford base32 without I, L, O, U: readable aloud and over the phone.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function randomSymbols(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i] & 31];
  return out;
}

/** A random id with a type prefix, e.g. `su_5ZK3M0Q8D2XN4T7WB1`: 100 bits, no coordination needed. */
export function newId(prefix: string): string {
  return `${prefix}_${randomSymbols(20)}`;
}

/**
 * A human appeal reference like `AP-7K3Q9D` (30 bits). Callers insert with ON CONFLICT on the id and
 * retry on the rare collision.
 */
export function newAppealReference(): string {
  return `AP-${randomSymbols(6)}`;
}
