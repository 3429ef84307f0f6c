import { isIP } from 'node:net';

/**
 * Express's 'trust proxy' setting, read from TRUST_PROXY: which callers may tell us the client's
 * address (X-Forwarded-For) and scheme (X-Forwarded-Proto). Anyone else could simply claim any
 * address, and the sign-in throttle counts per address, so the default trusts nobody.
 */
export type TrustProxy = false | number | string | string[];

const NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrRange(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (!version || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (version === 4 ? 32 : 128);
}

/**
 * Reads `none`/`false` (trust nobody), a number of proxy hops in front of the app, or a
 * comma-separated list of addresses, CIDR ranges and the names loopback, linklocal, uniquelocal.
 * `true` (trust every hop) is refused: it would let any client pick its own address.
 */
export function parseTrustProxy(text: string): TrustProxy | { problem: string } {
  const value = text.trim().toLowerCase();
  if (value === '' || value === 'none' || value === 'false') return false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return hops <= 10 ? (hops === 0 ? false : hops) : { problem: 'must be a number of proxy hops from 0 to 10' };
  }
  if (value === 'true') {
    return { problem: 'true would trust any client to name its own address: name the proxies (or a number of hops)' };
  }
  const entries = value.split(',').map((entry) => entry.trim());
  const wrong = entries.filter((entry) => !NAMES.has(entry) && !isAddressOrRange(entry));
  if (wrong.length > 0) {
    return {
      problem: `has ${wrong.map((entry) => `"${entry}"`).join(', ')}, which is not an IP address, a CIDR range, loopback, linklocal or uniquelocal`,
    };
  }
  return entries;
}
