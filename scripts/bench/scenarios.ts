import type { Knex } from 'knex';
import { z } from 'zod';
import { clusterQueryShape } from '../../api/src/contract/clusters.js';
import {
  hotspotFilters,
  hotspotFilterShape,
  hotspotListQuery,
  MATCH_COUNT_LIMIT,
} from '../../api/src/contract/hotspots.js';
import { SYSTEM_VIEWER } from '../../api/src/auth/visibility.js';
import { clusterJson } from '../../api/src/clusters/repo.js';
import * as repo from '../../api/src/hotspots/repo.js';
import { hotspotPageCounted } from '../../api/src/hotspots/match-count.js';
import { resolveFilters } from '../../api/src/hotspots/service.js';
import { statistics } from '../../api/src/stats/repo.js';
import { todayIn } from '../../api/src/time.js';
import { KAZAKHSTAN_BBOX } from './settlements.js';

/**
 * The cases the bench measures, each with the database work its endpoint does — the same repo
 * functions the route calls, with the query parsed by the route's own schema — as its floor.
 * The bench signs in as a prosecutor, who may see confidential hotspots: the floor reads as the
 * system viewer, who sees them too.
 */
export interface ReadCase {
  name: string;
  what: string;
  /** Paths requested in turn (one for most cases; several hotspots for the single-hotspot case). */
  paths: string[];
  floor: (knex: Knex, turn: number) => Promise<unknown>;
}

const TIME_ZONE = 'Asia/Almaty';
const clusterQuery = z.object({ ...hotspotFilterShape, ...clusterQueryShape }).strict();

type Box = [number, number, number, number];
const bboxText = (box: Box) => box.map((value) => value.toFixed(5)).join(',');
const queryOf = (params: Record<string, string>) => Object.fromEntries(new URLSearchParams(params));
const around = (x: number, y: number, half: number): Box => [x - half * 1.4, y - half, x + half * 1.4, y + half];

async function countIn(knex: Knex, box: Box): Promise<number> {
  const { rows } = await knex.raw<{ rows: { n: number }[] }>(
    `SELECT count(*)::int AS n FROM hotspots h WHERE h.deleted_at IS NULL
       AND h.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326) AND ST_Intersects(h.geom, ST_MakeEnvelope(?, ?, ?, ?, 4326))`,
    [...box, ...box],
  );
  return rows[0]?.n ?? 0;
}

export interface Places {
  centre: [number, number];
  street: Box;
  streetCount: number;
  city: Box;
  cityCount: number;
  year: number;
}

/** The densest settlement of the data, a street-sized box around it holding about 1,000 hotspots, and the whole city. */
export async function choosePlaces(knex: Knex, today: string): Promise<Places> {
  const { rows } = await knex.raw<{ rows: { x: number; y: number }[] }>(
    `SELECT avg(ST_X(anchor)) AS x, avg(ST_Y(anchor)) AS y FROM hotspots WHERE deleted_at IS NULL
     GROUP BY floor(ST_X(anchor) / 0.05), floor(ST_Y(anchor) / 0.05) ORDER BY count(*) DESC LIMIT 1`,
  );
  const centre = rows[0];
  if (!centre) throw new Error('the database holds no hotspots: seed it first');
  // Bisect the box's half-height (degrees) until it holds about 1,000 hotspots (or the city's all).
  let low = 0.0005;
  let high = 0.15;
  for (let step = 0; step < 14; step += 1) {
    const middle = (low + high) / 2;
    if ((await countIn(knex, around(centre.x, centre.y, middle))) < 1000) low = middle;
    else high = middle;
  }
  const street = around(centre.x, centre.y, high);
  const city = around(centre.x, centre.y, 0.15);
  return {
    centre: [centre.x, centre.y],
    street,
    streetCount: await countIn(knex, street),
    city,
    cityCount: await countIn(knex, city),
    year: Number(today.slice(0, 4)) - 1,
  };
}

export async function readCases(knex: Knex, places: Places): Promise<ReadCase[]> {
  const today = () => todayIn(TIME_ZONE);
  const list = (params: Record<string, string>) => {
    const { sort, limit, cursor: _cursor, count, view, ...filters } = hotspotListQuery.parse(queryOf(params));
    return async (db: Knex) => {
      const resolved = await resolveFilters(db, filters);
      // The map's form is not counted (routes.ts); the full one as the API counts it, page and count
      // in one snapshot (a search counts first, and the count chooses the page's path): up to
      // MATCH_COUNT_LIMIT unless count=exact.
      if (view === 'map')
        return repo.listHotspotFeatures(db, SYSTEM_VIEWER, resolved, sort, limit, undefined, today(), view);
      const countLimit = count === 'exact' ? undefined : MATCH_COUNT_LIMIT;
      return hotspotPageCounted(db, SYSTEM_VIEWER, resolved, sort, limit, undefined, today(), countLimit);
    };
  };
  const clusters = (params: Record<string, string>) => {
    const { bbox, zoom, ...filters } = clusterQuery.parse(queryOf(params));
    return async (db: Knex) => clusterJson(db, SYSTEM_VIEWER, await resolveFilters(db, filters), bbox, zoom, today());
  };
  const path = (base: string, params: Record<string, string>) => `${base}?${new URLSearchParams(params)}`;
  const street = { bbox: bboxText(places.street), limit: '1000' };
  // The map's own request for the same box (web/src/map/HotspotMap.tsx): its slim form, MAX_DRAWN at most.
  const streetMap = { bbox: bboxText(places.street), limit: '500', view: 'map' };
  const city = { bbox: bboxText(places.city), zoom: '11' };
  const { west, south, east, north } = KAZAKHSTAN_BBOX;
  const country = { bbox: bboxText([west, south, east, north]), zoom: '5' };
  const stats = { registered_from: `${places.year}-01-01`, registered_to: `${places.year}-12-31` };
  const search = { q: 'водоснаб', status: 'registered,in_progress', sort: '-registered_on' };
  const statsFilters = hotspotFilters.parse(stats);
  const ids = (
    (await knex('hotspots').whereNull('deleted_at').orderBy('id').limit(200).select('id')) as { id: string }[]
  ).map((row) => row.id);
  return [
    {
      name: 'street',
      what: `hotspots in a street-sized bbox (${places.streetCount} inside, limit 1000)`,
      paths: [path('/api/hotspots', street)],
      floor: list(street),
    },
    {
      name: 'street-map',
      what: `the map's request for the same box: view=map, limit 500 (${places.streetCount} inside)`,
      paths: [path('/api/hotspots', streetMap)],
      floor: list(streetMap),
    },
    {
      name: 'city',
      what: `clusters of the whole city (${places.cityCount} hotspots, zoom 11)`,
      paths: [path('/api/hotspots/clusters', city)],
      floor: clusters(city),
    },
    {
      name: 'country',
      what: 'clusters of the whole country (zoom 5)',
      paths: [path('/api/hotspots/clusters', country)],
      floor: clusters(country),
    },
    {
      name: 'stats',
      what: `statistics for ${places.year}`,
      paths: [path('/api/stats', stats)],
      floor: async (db) => {
        const now = today();
        const readers = { counted: SYSTEM_VIEWER, viewer: SYSTEM_VIEWER };
        return statistics(db, readers, await resolveFilters(db, statsFilters), stats.registered_to, now);
      },
    },
    {
      name: 'search',
      what: `text search q=${search.q}, open only (first 100)`,
      paths: [path('/api/hotspots', search)],
      floor: list(search),
    },
    {
      name: 'one',
      what: `one hotspot with its history (${ids.length} in turn)`,
      paths: ids.map((id) => `/api/hotspots/${id}`),
      floor: async (db, turn) => {
        const id = ids[turn % ids.length] as string;
        // The route reads feature, history and version in one statement (one snapshot).
        return repo.hotspotDetailJson(db, SYSTEM_VIEWER, id, today());
      },
    },
  ];
}

/** Open hotspots each written once: registered ones start work, those in progress are resolved. */
export async function writeTargets(knex: Knex, limit: number): Promise<{ path: string; body: string }[]> {
  const rows = (await knex('hotspots')
    .whereNull('deleted_at')
    .whereIn('status', ['registered', 'in_progress'])
    .orderBy('id')
    .limit(limit)
    .select('id', 'status')) as { id: string; status: string }[];
  return rows.map((row) => ({
    path: `/api/hotspots/${row.id}/transitions`,
    body: JSON.stringify(
      row.status === 'registered'
        ? { to: 'in_progress', note: 'Бенчмарк: жұмыс басталды' }
        : { to: 'resolved', note: 'Бенчмарк: шешілді' },
    ),
  }));
}
