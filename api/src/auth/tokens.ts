import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Secrets are random 256-bit values; only their SHA-256 is stored, so a database leak opens nothing. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Personal API tokens look like `oshaq_<8-char prefix>_<secret>`; the prefix lets a person recognise one. */
export function newApiToken(): { token: string; prefix: string } {
  const prefix = randomBytes(6).toString('base64url').slice(0, 8);
  return { token: `oshaq_${prefix}_${newSecret()}`, prefix };
}
