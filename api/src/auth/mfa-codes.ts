import { randomInt } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import { sha256 } from './tokens.js';

const ISSUER = 'Oshaq';
/** RFC 6238's default, which every authenticator app uses. */
const PERIOD_SECONDS = 30;
const RECOVERY_CODE_COUNT = 10;
// Crockford's base32 alphabet: no i, l, o, u, so a code read aloud or copied by hand stays unambiguous.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** A new TOTP secret: 160 random bits in base32, as RFC 4226 recommends. */
export function newTotpSecret(): string {
  return generateSecret();
}

/** What an authenticator app needs; the QR code is drawn here, never by an outside service. */
export async function enrolmentFor(secret: string, login: string) {
  const uri = generateURI({ issuer: ISSUER, label: login, secret });
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  return {
    secret,
    otpauth_uri: uri,
    qr_svg: `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`,
  };
}

export type ParsedCode = { kind: 'totp'; code: string } | { kind: 'recovery'; hash: string } | { kind: 'malformed' };

/** Reads what a person typed: six digits are a TOTP code, twelve letters and digits a recovery code. */
export function parseCode(input: string): ParsedCode {
  const compact = input.replace(/[\s-]/g, '').toLowerCase();
  if (/^\d{6}$/.test(compact)) return { kind: 'totp', code: compact };
  const recovery = compact.replace(/[il]/g, '1').replace(/o/g, '0');
  if (recovery.length === 12 && [...recovery].every((char) => ALPHABET.includes(char))) {
    return { kind: 'recovery', hash: sha256(recovery) };
  }
  return { kind: 'malformed' };
}

/**
 * The time step a TOTP code belongs to when it is valid now (one step of clock drift either way)
 * and later than `afterStep`, the step of the account's last accepted code; undefined otherwise.
 * Refusing a step already used stops a code from working twice within its half minute.
 */
export async function acceptedStep(
  secret: string,
  code: string,
  afterStep: number | null,
): Promise<number | undefined> {
  const result = await verify({
    secret,
    token: code,
    epochTolerance: PERIOD_SECONDS,
    ...(afterStep === null ? {} : { afterTimeStep: afterStep }),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : undefined;
}

/** Fresh recovery codes as shown (xxxx-xxxx-xxxx, 60 random bits each) and the hashes to store. */
export function newRecoveryCodes(): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () =>
    Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''),
  );
  return { codes: codes.map((code) => code.match(/.{4}/g)!.join('-')), hashes: codes.map((code) => sha256(code)) };
}
