import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import { acceptedStep, newRecoveryCodes, newTotpSecret, parseCode } from '../src/auth/mfa-codes.js';
import { sha256 } from '../src/auth/tokens.js';

const at = (step: number) => step * 30 + 1;

describe('second-factor codes', () => {
  it('reads six digits as an app code and twelve letters and digits as a recovery code, ignoring spaces and dashes', () => {
    expect(parseCode(' 123 456 ')).toEqual({ kind: 'totp', code: '123456' });
    const { codes, hashes } = newRecoveryCodes();
    expect(parseCode(codes[0]!)).toEqual({ kind: 'recovery', hash: hashes[0] });
    expect(parseCode(codes[0]!.toUpperCase().replace(/-/g, ' '))).toEqual({ kind: 'recovery', hash: hashes[0] });
    // Crockford's reading: O is 0, I and L are 1.
    expect(parseCode('OILO-0000-0000')).toEqual({ kind: 'recovery', hash: sha256('011000000000') });
    for (const bad of ['12345', '1234567', 'uuuu-uuuu-uuuu', '', 'әәәә-әәәә-әәәә', '123456789012345'])
      expect(parseCode(bad).kind, bad).toBe('malformed');
  });

  it('makes ten distinct recovery codes of 60 random bits, stored only as their hashes', () => {
    const { codes, hashes } = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    for (const [index, code] of codes.entries()) {
      expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}$/);
      expect(hashes[index]).toBe(sha256(code.replace(/-/g, '')));
    }
  });

  it('takes a code of the current step or one either side, only after the last step used', async () => {
    const secret = newTotpSecret();
    const now = Math.floor(Date.now() / 30_000);
    // A step away from a boundary, so the test does not straddle one.
    const code = await generate({ secret, epoch: at(now) });
    const step = await acceptedStep(secret, code, null);
    expect([now, now + 1]).toContain(step);
    expect(await acceptedStep(secret, code, step!)).toBeUndefined();
    expect(await acceptedStep(secret, await generate({ secret, epoch: at(now + 5) }), null)).toBeUndefined();
    expect(await acceptedStep(secret, await generate({ secret, epoch: at(now - 5) }), null)).toBeUndefined();
  });
});
