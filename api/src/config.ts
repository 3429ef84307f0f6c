import { DEMO_JURISDICTION, databaseEnvShape, describeEnvIssues, presentVariables } from '@oshaq/db';
import { z } from 'zod';
import { ROLES } from './contract/enums.js';
import { MAX_VERTICES_DEFAULT } from './contract/geometry.js';
import { parseTrustProxy } from './http/trust-proxy.js';
import { isTimeZone } from './time.js';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
  .transform((value) => ['true', '1', 'yes'].includes(value));

/** Every environment variable Oshaq reads, with its default. The README lists the same. */
const configSchema = z.object({
  PORT: z.coerce
    .number({ error: 'must be a whole number between 0 and 65535' })
    .int('must be a whole number between 0 and 65535')
    .min(0, 'must be a whole number between 0 and 65535')
    .max(65535, 'must be a whole number between 0 and 65535')
    .default(3000),
  HOST: z.string().min(1, 'must not be empty').default('127.0.0.1'),
  ...databaseEnvShape,
  DB_POOL_MAX: z.coerce
    .number({ error: 'must be a whole number from 1 to 100' })
    .int('must be a whole number from 1 to 100')
    .min(1, 'must be a whole number from 1 to 100')
    .max(100, 'must be a whole number from 1 to 100')
    .default(10),
  DEMO: booleanFlag.default(true),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  // `none`: no base map at all (an offline installation); the boundaries are drawn on a plain background.
  TILE_URL: z
    .string()
    .regex(
      /^(https?:\/\/\S+|none)$/,
      'must be an http(s) URL template such as https://tile.example.org/{z}/{x}/{y}.png, or none',
    )
    .default('https://tile.openstreetmap.org/{z}/{x}/{y}.png')
    .transform((url) => (url === 'none' ? undefined : url)),
  TILE_ATTRIBUTION: z.string().default('© OpenStreetMap contributors'),
  WEB_DIST: z.string().optional(),
  // Comma list of area codes every hotspot must lie in, or `none` (anywhere). Unset: the demo's
  // areas when the embedded demo is on (see loadConfig), otherwise anywhere.
  JURISDICTION_AREA: z
    .string()
    .trim()
    .regex(/^(none|[\w.-]{1,50}(\s*,\s*[\w.-]{1,50})*)$/, 'must be a comma list of area codes, or none')
    .transform((text) => (text === 'none' ? null : text.split(',').map((code) => code.trim())))
    .optional(),
  TIME_ZONE: z.string().refine(isTimeZone, 'must be an IANA time zone such as Asia/Almaty').default('Asia/Almaty'),
  MAX_VERTICES: z.coerce
    .number({ error: 'must be a whole number from 4 to 1000000' })
    .int('must be a whole number from 4 to 1000000')
    .min(4, 'must be a whole number from 4 to 1000000')
    .max(1_000_000, 'must be a whole number from 4 to 1000000')
    .default(MAX_VERTICES_DEFAULT),
  // off: every read runs its query — the baseline the benchmark compares the cache with.
  READ_CACHE: z
    .enum(['on', 'off', 'true', 'false', '1', '0', 'yes', 'no'], { error: 'must be on or off' })
    .transform((value) => ['on', 'true', '1', 'yes'].includes(value))
    .default(true),
  // on: each cached read says X-Cache: hit|miss|off — for tests and the benchmark. Off by default:
  // people of one role class share entries, so a hit would show one what another just asked.
  CACHE_DEBUG_HEADER: z
    .enum(['on', 'off', 'true', 'false', '1', '0', 'yes', 'no'], { error: 'must be on or off' })
    .transform((value) => ['on', 'true', '1', 'yes'].includes(value))
    .default(false),
  // Proxies allowed to name the client's address and scheme (X-Forwarded-*): hops, IPs/CIDRs or
  // loopback/linklocal/uniquelocal. Unset: none, so no caller can pick its own address.
  TRUST_PROXY: z
    .string()
    .default('none')
    .transform((text, context) => {
      const parsed = parseTrustProxy(text);
      if (typeof parsed === 'object' && !Array.isArray(parsed)) {
        context.addIssue({ code: 'custom', message: parsed.problem });
        return z.NEVER;
      }
      return parsed;
    }),
  // Where people reach the app (https://gis.example.kz): absolute links (OGC API) start with it
  // rather than with the request's Host header, which a client controls.
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://gis.example.kz' })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  // Roles that must sign in with a second factor (TOTP); the others may enrol one. `none`: nobody must.
  MFA_REQUIRED_ROLES: z
    .string()
    .default('prosecutor,admin')
    .transform((text) => (text.trim() === 'none' ? [] : text.split(',').map((role) => role.trim())))
    .pipe(z.array(z.enum(ROLES, { error: `must be a comma list of ${ROLES.join(', ')}, or none` }))),
});

export type Config = Omit<z.infer<typeof configSchema>, 'JURISDICTION_AREA'> & {
  /** Codes of the areas every hotspot must lie in; undefined: anywhere. */
  JURISDICTION_AREA: string[] | undefined;
};

/** Raised for a bad environment; its message names every variable at fault and why. */
export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(presentVariables(env));
  if (!parsed.success) throw new ConfigError(describeEnvIssues(parsed.error.issues, env));
  const { JURISDICTION_AREA: jurisdiction, ...rest } = parsed.data;
  // The embedded demo is Turkestan city and Keles district: a place 150 km away is a slip there.
  const demoDefault = rest.DEMO && !rest.DATABASE_URL ? [...DEMO_JURISDICTION] : undefined;
  return { ...rest, JURISDICTION_AREA: jurisdiction === undefined ? demoDefault : (jurisdiction ?? undefined) };
}
