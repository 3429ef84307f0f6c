import { describe, expect, it } from 'vitest';
import { preferredCoding } from '../src/http/compression.js';

describe('which compression a client gets, by its Accept-Encoding', () => {
  it('prefers brotli when taken at least as gladly as gzip, else gzip', () => {
    expect(preferredCoding('gzip, deflate, br')).toBe('br');
    expect(preferredCoding('br;q=0.9, gzip;q=0.9')).toBe('br');
    expect(preferredCoding('br;q=0.5, gzip')).toBe('gzip');
    expect(preferredCoding('gzip, deflate')).toBe('gzip');
    expect(preferredCoding('GZIP')).toBe('gzip');
  });

  it('gives none to a client that sends no header, only identity or deflate, or refuses both with q=0', () => {
    expect(preferredCoding(undefined)).toBeUndefined();
    expect(preferredCoding('')).toBeUndefined();
    expect(preferredCoding('identity')).toBeUndefined();
    expect(preferredCoding('deflate')).toBeUndefined();
    expect(preferredCoding('br;q=0, gzip;q=0, deflate')).toBeUndefined();
  });

  it('reads * as any coding not named, and a coding named with q=0 as refused even under *', () => {
    expect(preferredCoding('*')).toBe('br');
    expect(preferredCoding('br;q=0, *')).toBe('gzip');
    expect(preferredCoding('br;q=0, gzip;q=0, *')).toBeUndefined();
    expect(preferredCoding('*;q=0, gzip')).toBe('gzip');
  });

  it('takes a malformed q-value as no q-value rather than refusing', () => {
    expect(preferredCoding('gzip;q=high')).toBe('gzip');
    expect(preferredCoding('br;q=2, gzip;q=0.5')).toBe('br');
  });
});
