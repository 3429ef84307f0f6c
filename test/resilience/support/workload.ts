import { TRANSITIONS, akimatMayTransition } from '../../../api/src/contract/transitions.js';
import type { Status } from '../../../api/src/contract/enums.js';
import { type ApiClient, type Outcome, etagOf } from './client.js';
import type { Ledger } from './ledger.js';

/**
 * A mixed workload of the kind a city's users produce: meeting viewers reading the map, the list,
 * clusters and statistics; prosecutor's staff registering, editing and moving hotspots on; akimat
 * staff starting work, resolving and reporting on their agency's hotspots.
 */

export type Role = 'prosecutor' | 'akimat' | 'viewer';

export interface Actor {
  client: ApiClient;
  role: Role;
  /** An akimat account's agency code: it may act only on that agency's hotspots. */
  agency?: string;
}

export interface KnownHotspot {
  id: string;
  agency: string | null;
  confidential: boolean;
}

/** The statuses each operation may answer with when nothing is wrong; anything else is a failure. */
export const EXPECTED_STATUS: Record<string, number[]> = {
  list: [200],
  stats: [200],
  clusters: [200],
  get: [200],
  create: [201],
  comment: [201],
  // Another client may have changed the hotspot between our GET and our write.
  transition: [200, 409, 412],
  edit: [200, 412],
};

/** A seeded random source (mulberry32), so a failing run can be repeated. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class World {
  readonly known: KnownHotspot[];
  constructor(
    readonly ledger: Ledger,
    readonly random: () => number,
    known: KnownHotspot[],
  ) {
    this.known = [...known];
  }

  pick<T>(items: readonly T[]): T | undefined {
    return items.length === 0 ? undefined : items[Math.floor(this.random() * items.length)];
  }

  /** A hotspot this actor may act on (akimat: its agency's; viewers: not confidential). */
  target(actor: Actor): KnownHotspot | undefined {
    if (actor.role === 'prosecutor') return this.pick(this.known);
    return this.pick(
      this.known.filter((h) => !h.confidential && (actor.role !== 'akimat' || h.agency === actor.agency)),
    );
  }
}

const CATEGORIES = ['land', 'utilities', 'housing', 'labour', 'public_order', 'roads', 'other'];
const AGENCIES = ['housing_utilities', 'land_relations', 'construction', 'employment', 'akimat'];
const SEVERITIES = ['low', 'medium', 'high', 'critical'];
const SORTS = ['-registered_on', 'due_on', '-severity', 'reference', 'title', '-updated_at'];
const CITY_BBOX = '68.15,43.22,68.40,43.36';

async function create(actor: Actor, world: World): Promise<Outcome> {
  const marker = world.ledger.marker('create');
  const agency = world.random() < 0.5 ? 'housing_utilities' : (world.pick(AGENCIES) as string);
  const confidential = world.random() < 0.1;
  const outcome = await actor.client.call('create', 'POST', '/api/hotspots', {
    title: `Resilience ${marker}`,
    description: 'Created by the resilience workload.',
    category: world.pick(CATEGORIES),
    severity: world.pick(SEVERITIES),
    geometry: { type: 'Point', coordinates: [68.18 + world.random() * 0.2, 43.24 + world.random() * 0.1] },
    agency,
    due_on: '2027-06-30',
    external_ref: marker,
    confidential,
  });
  const record = world.ledger.record({ kind: 'create', marker, hotspotId: outcome.body?.id }, outcome);
  if (record.fate === 'acknowledged') world.known.push({ id: outcome.body.id, agency, confidential });
  return outcome;
}

/** Reads the hotspot first, as a person would, and sends its version as If-Match. */
async function transition(actor: Actor, world: World): Promise<Outcome | undefined> {
  const target = world.target(actor);
  if (!target) return undefined;
  const current = await actor.client.call('get', 'GET', `/api/hotspots/${target.id}`);
  if (current.status !== 200) return current;
  const from = current.body.properties.status as Status;
  const choices = TRANSITIONS[from].filter((to) => actor.role !== 'akimat' || akimatMayTransition(from, to));
  const to = world.pick(choices);
  if (!to) return current;
  const marker = world.ledger.marker('transition');
  const outcome = await actor.client.call(
    'transition',
    'POST',
    `/api/hotspots/${target.id}/transitions`,
    { to, note: marker },
    { 'If-Match': etagOf(current) ?? '*' },
  );
  world.ledger.record({ kind: 'transition', marker, hotspotId: target.id, to }, outcome);
  return outcome;
}

async function edit(actor: Actor, world: World): Promise<Outcome | undefined> {
  const target = world.target(actor);
  if (!target) return undefined;
  const current = await actor.client.call('get', 'GET', `/api/hotspots/${target.id}`);
  if (current.status !== 200) return current;
  const marker = world.ledger.marker('edit');
  const outcome = await actor.client.call(
    'edit',
    'PATCH',
    `/api/hotspots/${target.id}`,
    { title: marker },
    { 'If-Match': etagOf(current) ?? '*' },
  );
  world.ledger.record({ kind: 'edit', marker, hotspotId: target.id }, outcome);
  return outcome;
}

async function comment(actor: Actor, world: World): Promise<Outcome | undefined> {
  const target = world.target(actor);
  if (!target) return undefined;
  const marker = world.ledger.marker('comment');
  const outcome = await actor.client.call('comment', 'POST', `/api/hotspots/${target.id}/comments`, { note: marker });
  world.ledger.record({ kind: 'comment', marker, hotspotId: target.id }, outcome);
  return outcome;
}

const reads: Record<string, (actor: Actor, world: World) => Promise<Outcome | undefined>> = {
  list: (actor, world) =>
    actor.client.call('list', 'GET', `/api/hotspots?bbox=${CITY_BBOX}&limit=50&sort=${world.pick(SORTS)}`),
  stats: (actor, world) =>
    actor.client.call('stats', 'GET', world.random() < 0.5 ? '/api/stats' : '/api/stats?severity=high,critical'),
  // Zooms 9–12: a screen's view of this box (1.5° × 1°); at 13 it would span 12,604 grid cells, more
  // than any screen shows, which the API refuses (bbox_too_large).
  clusters: (actor, world) =>
    actor.client.call(
      'clusters',
      'GET',
      `/api/hotspots/clusters?bbox=67.5,42.8,69.0,43.8&zoom=${9 + Math.floor(world.random() * 4)}`,
    ),
  get: async (actor, world) => {
    const target = world.target(actor);
    return target ? actor.client.call('get', 'GET', `/api/hotspots/${target.id}`) : undefined;
  },
};

const writes = { create, transition, edit, comment };
type Operation = keyof typeof reads | keyof typeof writes;

/** How often each role does what, as weights. */
const MIX: Record<Role, [Operation, number][]> = {
  prosecutor: [
    ['create', 20],
    ['transition', 20],
    ['edit', 10],
    ['comment', 10],
    ['list', 15],
    ['stats', 10],
    ['clusters', 10],
    ['get', 5],
  ],
  akimat: [
    ['transition', 25],
    ['comment', 25],
    ['list', 20],
    ['stats', 10],
    ['get', 20],
  ],
  viewer: [
    ['list', 35],
    ['stats', 25],
    ['clusters', 25],
    ['get', 15],
  ],
};

/** Only writes, for runs that kill the server while it writes. */
export const WRITES_ONLY: [Operation, number][] = [
  ['create', 40],
  ['transition', 30],
  ['comment', 20],
  ['edit', 10],
];

export async function step(actor: Actor, world: World, mix = MIX[actor.role]): Promise<void> {
  const total = mix.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = world.random() * total;
  const [operation] = mix.find(([, weight]) => (roll -= weight) < 0) ?? mix[0] ?? ['list'];
  const run =
    (reads as Record<string, typeof create>)[operation] ?? (writes as Record<string, typeof create>)[operation];
  await run?.(actor, world);
}

/**
 * Runs every actor at once, each doing `steps` operations one after another (or until `stop`
 * says so): the concurrency is the number of actors.
 */
export async function runActors(
  actors: Actor[],
  world: World,
  options: { steps: number; stop?: () => boolean; mix?: [Operation, number][] },
): Promise<void> {
  await Promise.all(
    actors.map(async (actor) => {
      for (let i = 0; i < options.steps && !options.stop?.(); i++) await step(actor, world, options.mix);
    }),
  );
}

/** Outcomes that are not among the statuses their operation may answer with. */
export function unexpectedOutcomes(outcomes: Outcome[], options: { allowUnavailable?: boolean } = {}): Outcome[] {
  return outcomes.filter((outcome) => {
    if (outcome.status === 'network') return true;
    if (EXPECTED_STATUS[outcome.op]?.includes(outcome.status)) return false;
    return !(options.allowUnavailable && isUnavailableProblem(outcome));
  });
}

/** A 503 as the API should give it while its database is gone: problem+json, saying when to retry. */
export function isUnavailableProblem(outcome: Outcome): boolean {
  return (
    outcome.status === 503 &&
    outcome.contentType.startsWith('application/problem+json') &&
    outcome.body?.status === 503 &&
    outcome.retryAfter !== null
  );
}

/** A short, readable account of what went wrong, for assertion messages. */
export function describeOutcomes(outcomes: Outcome[], limit = 8): string {
  return outcomes
    .slice(0, limit)
    .map(
      (o) =>
        `${o.op} ${o.method} ${o.path} → ${o.status}${o.error ? ` ${o.error}` : ''}${
          o.body?.detail ? ` "${String(o.body.detail).slice(0, 160)}"` : ''
        }`,
    )
    .join('\n');
}
