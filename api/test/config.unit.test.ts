import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('configuration', () => {
  it('uses the embedded database in ./data on port 3000 when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', DEMO: true, LOG_LEVEL: 'info' });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.DATA_DIR).toMatch(/[/\\]data$/);
  });

  it('gives the embedded demo its jurisdiction (Turkestan city and Keles district) unless told otherwise', () => {
    expect(loadConfig({}).JURISDICTION_AREA).toEqual(['611000000', '613900000']);
    expect(loadConfig({ DEMO: 'false' }).JURISDICTION_AREA).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: 'postgres://x@y/z' }).JURISDICTION_AREA).toBeUndefined();
    expect(loadConfig({ JURISDICTION_AREA: 'none' }).JURISDICTION_AREA).toBeUndefined();
    expect(loadConfig({ JURISDICTION_AREA: '611000000, 613900000' }).JURISDICTION_AREA).toEqual([
      '611000000',
      '613900000',
    ]);
    expect(() => loadConfig({ JURISDICTION_AREA: 'a;b' })).toThrow(/JURISDICTION_AREA: must be a comma list/);
  });

  it('treats an empty variable as unset', () => {
    const config = loadConfig({ PORT: '', DATABASE_URL: '' });
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('names every bad variable, says why, and shows what was given', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', DEMO: 'maybe', LOG_LEVEL: 'loud' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('PORT: must be a whole number between 0 and 65535 (got "eighty")');
    expect(message).toContain('DATABASE_URL: must be a postgres:// or postgresql:// connection URL (got "mysql://x")');
    expect(message).toContain('DEMO: must be true or false (got "maybe")');
    expect(message).toContain('LOG_LEVEL: must be one of');
  });

  it('refuses a port out of range instead of clamping it', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(
      /PORT: must be a whole number between 0 and 65535 \(got "70000"\)/,
    );
  });
});
