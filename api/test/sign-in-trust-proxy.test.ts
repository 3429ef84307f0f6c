import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import { ConfigError, loadConfig } from '../src/config.js';
import { parseTrustProxy } from '../src/http/trust-proxy.js';
import { startApp, type RunningApp } from './support.js';

describe('TRUST_PROXY', () => {
  it('trusts nobody by default, and reads hops, addresses, ranges and express’s names', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'none' }).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback' }).TRUST_PROXY).toEqual(['loopback']);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, fd00::/8,192.168.1.5,uniquelocal' }).TRUST_PROXY).toEqual([
      '10.0.0.0/8',
      'fd00::/8',
      '192.168.1.5',
      'uniquelocal',
    ]);
  });

  it('refuses what would let any client name its own address, and what is not an address', () => {
    for (const bad of ['true', '10.0.0.0/33', 'proxy.example.org', '999.1.1.1', '11', '::1/129', '10.0.0.1/8/2']) {
      expect(parseTrustProxy(bad), bad).toHaveProperty('problem');
    }
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: 'gateway' })).toThrow(/TRUST_PROXY: has "gateway"/);
  });

  it('takes PUBLIC_URL only as an http(s) URL, without a trailing slash', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://gis.example.kz/' }).PUBLIC_URL).toBe('https://gis.example.kz');
    expect(() => loadConfig({ PUBLIC_URL: 'javascript:alert(1)' })).toThrow(/PUBLIC_URL/);
    expect(() => loadConfig({ PUBLIC_URL: 'gis.example.kz' })).toThrow(/PUBLIC_URL/);
  });
});

describeOnEachDatabase('whose address X-Forwarded-For may name', (db) => {
  let plain: RunningApp;
  let behindProxy: RunningApp;
  beforeAll(async () => {
    plain = await startApp(db());
    behindProxy = await startApp(db(), { trustProxy: ['loopback'] });
  });
  afterAll(async () => {
    await plain.close();
    await behindProxy.close();
  });

  /** The address the audit trail recorded for a failed sign-in claiming to come from `claimed`. */
  async function recordedAddress(app: RunningApp, login: string, claimed: string) {
    const response = await fetch(`${app.url}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': claimed },
      body: JSON.stringify({ login, password: 'not the password' }),
    });
    expect(response.status).toBe(401);
    const row = await db().knex('audit_log').where({ action: 'session.sign_in_failed', actor: login }).first('ip');
    return row.ip as string;
  }

  it('ignores X-Forwarded-For from a loopback caller unless TRUST_PROXY names it', async () => {
    expect(await recordedAddress(plain, 'xff-ignored', '203.0.113.9')).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
    expect(await recordedAddress(behindProxy, 'xff-trusted', '203.0.113.9')).toBe('203.0.113.9');
  });
});
