import kinks from '@turf/kinks';
import type { Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { sharedGeodataAvailable } from '@oshaq/db/testing';
import { agencySeeds, categorySeeds } from '../../db/src/seed/reference-data.js';
import { TRANSITIONS } from '../../api/src/contract/transitions.js';
import { type BenchHotspot, generateHotspots } from '../bench/generate.js';
import { BUILT_IN_CITIES, KAZAKHSTAN_BBOX, loadSettlements, POPULATED_PLACES_FILE } from '../bench/settlements.js';

const TODAY = '2026-03-10';
const generate = (seed: number, count: number, settlements = BUILT_IN_CITIES) => [
  ...generateHotspots({ seed, count, today: TODAY, settlements }),
];
const share = (rows: BenchHotspot[], test: (row: BenchHotspot) => boolean) => rows.filter(test).length / rows.length;
const dateOf = (timestamp: string) => timestamp.slice(0, 10); // timestamps are written in UTC+5, the dates too

/** Metres between two lon/lat positions (equirectangular: fine over tens of km). */
function metres([lon1, lat1]: Position, [lon2, lat2]: Position): number {
  const x = (((lon2 as number) - (lon1 as number)) *
    Math.cos((((lat1 as number) + (lat2 as number)) / 360) * Math.PI)) as number;
  return Math.hypot(x, (lat2 as number) - (lat1 as number)) * 111_320;
}

/** Twice the signed area (shoelace): positive for a counter-clockwise ring. */
function signedArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i += 1) {
    const [x1, y1] = ring[i] as [number, number];
    const [x2, y2] = ring[i + 1] as [number, number];
    sum += x1 * y2 - x2 * y1;
  }
  return sum;
}

describe('bench data generator', () => {
  const rows = generate(42, 5000);

  it('gives the same rows for the same seed and different rows for another', () => {
    expect(generate(42, 5000)).toEqual(rows);
    const other = generate(43, 5000);
    expect(other.map((row) => row.id)).not.toEqual(rows.map((row) => row.id));
    expect(other.map((row) => row.geometry)).not.toEqual(rows.map((row) => row.geometry));
    expect(other.map((row) => row.title)).not.toEqual(rows.map((row) => row.title));
  });

  it('gives unique ids and bench external references', () => {
    expect(new Set(rows.map((row) => row.id)).size).toBe(rows.length);
    expect(
      rows.every((row) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(row.id)),
    ).toBe(true);
    expect(rows.map((row) => row.externalRef).slice(0, 2)).toEqual(['bench-42-0', 'bench-42-1']);
  });

  it('registers over the last three years, in row order, with deadlines 15–90 days on', () => {
    expect(rows[0]?.registeredOn).toBe('2023-03-11');
    expect(rows[rows.length - 1]?.registeredOn).toBe(TODAY);
    for (const [index, row] of rows.entries()) {
      if (index > 0) expect(row.registeredOn >= (rows[index - 1] as BenchHotspot).registeredOn).toBe(true);
      const days = (Date.parse(row.dueOn) - Date.parse(row.registeredOn)) / 86_400_000;
      expect(days).toBeGreaterThanOrEqual(15);
      expect(days).toBeLessThanOrEqual(90);
    }
  });

  it('gives each hotspot a history in time order, along allowed transitions, ending in its status', () => {
    for (const row of rows) {
      const [created, ...later] = row.events;
      expect(created).toMatchObject({ kind: 'created', at: row.createdAt, actor: row.createdBy });
      expect(dateOf(created?.at as string)).toBe(row.registeredOn);
      let status = 'registered';
      let previous = created?.at as string;
      for (const event of later) {
        expect(Date.parse(event.at)).toBeGreaterThan(Date.parse(previous));
        expect(dateOf(event.at) <= TODAY).toBe(true);
        previous = event.at;
        if (event.kind === 'commented') expect(event.note?.trim()).toBeTruthy();
        if (event.kind !== 'status_changed') continue;
        expect(event.fromStatus).toBe(status);
        expect(TRANSITIONS[status as keyof typeof TRANSITIONS]).toContain(event.toStatus);
        status = event.toStatus as string;
      }
      expect(status).toBe(row.status);
      expect(row.version).toBe(row.events.length);
      expect(row.updatedAt).toBe(previous);
      const last = row.events[row.events.length - 1];
      expect(row.updatedBy).toBe(last?.actor);
      if (row.status === 'resolved' || row.status === 'dismissed') {
        expect(row.resolvedOn).toBe(dateOf(last?.at as string));
        expect(row.resolvedOn! >= row.registeredOn).toBe(true);
        expect(row.resolutionNote).toBe(last?.note);
        expect(row.resolutionNote?.trim()).toBeTruthy();
      } else {
        expect(row.resolvedOn).toBeNull();
        expect(row.resolutionNote).toBeNull();
      }
    }
  });

  it('keeps every coordinate inside Kazakhstan and every polygon a closed, simple, anticlockwise 50–500 m shape', () => {
    const b = KAZAKHSTAN_BBOX;
    for (const row of rows) {
      const positions = row.geometry.type === 'Point' ? [row.geometry.coordinates] : row.geometry.coordinates.flat();
      for (const [lon, lat] of positions as [number, number][]) {
        expect(lon >= b.west && lon <= b.east && lat >= b.south && lat <= b.north).toBe(true);
      }
      if (row.geometry.type !== 'Polygon') continue;
      const ring = (row.geometry as Polygon).coordinates[0] as Position[];
      expect([5, 7]).toContain(ring.length); // square or hexagon, closed
      expect(ring[ring.length - 1]).toEqual(ring[0]);
      expect(kinks(row.geometry as Polygon).features).toHaveLength(0);
      expect(signedArea(ring)).toBeGreaterThan(0);
      const across = Math.max(...ring.map((p) => Math.max(...ring.map((q) => metres(p, q)))));
      expect(across).toBeGreaterThan(45);
      expect(across).toBeLessThan(510);
    }
  });

  it('keeps to the intended proportions', () => {
    const statuses = { resolved: 0.6, in_progress: 0.2, registered: 0.15, dismissed: 0.05 };
    for (const [status, expected] of Object.entries(statuses)) {
      expect(Math.abs(share(rows, (row) => row.status === status) - expected)).toBeLessThan(0.025);
    }
    expect(Math.abs(share(rows, (row) => row.confidential) - 0.03)).toBeLessThan(0.012);
    expect(Math.abs(share(rows, (row) => row.geometry.type === 'Polygon') - 0.1)).toBeLessThan(0.02);
    const severities = ['low', 'medium', 'high', 'critical'].map((s) => share(rows, (row) => row.severity === s));
    expect(severities[1]).toBeGreaterThan(0.42);
    expect(Math.max(...severities)).toBe(severities[1]);
    expect(Math.abs(share(rows, (row) => row.language === 'kk') - 0.45)).toBeLessThan(0.03);
  });

  it('uses only seeded category and agency codes, and Kazakh letters in Kazakh text', () => {
    const categories = new Set(categorySeeds.map((c) => c.code));
    const agencies = new Set(agencySeeds.map((a) => a.code));
    expect(rows.every((row) => categories.has(row.categoryCode) && agencies.has(row.agencyCode))).toBe(true);
    expect(new Set(rows.map((row) => row.categoryCode)).size).toBe(categories.size);
    const kazakh = rows.filter((row) => row.language === 'kk');
    expect(share(kazakh, (row) => /[әғқңөұүһі]/.test(row.title + row.description))).toBeGreaterThan(0.95);
    expect(rows.every((row) => row.title.length <= 300 && row.title.trim() === row.title)).toBe(true);
  });

  it('puts most hotspots near settlements and the rest anywhere in the country', () => {
    const near = (row: BenchHotspot, km: number) => {
      const at =
        row.geometry.type === 'Point' ? row.geometry.coordinates : (row.geometry.coordinates[0]?.[0] as Position);
      return BUILT_IN_CITIES.some((city) => metres(at, [city.lon, city.lat]) < km * 1000);
    };
    expect(share(rows, (row) => near(row, 25))).toBeGreaterThan(0.88);
    expect(share(rows, (row) => !near(row, 100))).toBeGreaterThan(0.03);
    // Almaty, the largest city, gets the most.
    const almaty = BUILT_IN_CITIES[0]!;
    const inAlmaty = share(
      rows,
      (row) => row.geometry.type === 'Point' && metres(row.geometry.coordinates, [almaty.lon, almaty.lat]) < 25_000,
    );
    expect(inAlmaty).toBeGreaterThan(0.15);
  });

  it.runIf(sharedGeodataAvailable())('spreads over the OpenStreetMap populated places when present', async () => {
    const { settlements, description } = await loadSettlements(POPULATED_PLACES_FILE);
    expect(description).toContain('populated places');
    expect(settlements.length).toBeGreaterThan(9000);
    const sample = generate(42, 2000, settlements);
    expect(generate(42, 2000, settlements)).toEqual(sample);
    // Far more distinct places than the built-in cities: a village phrase appears.
    expect(sample.some((row) => / ауылында|в с\. /.test(row.title))).toBe(true);
  });

  it('falls back to the built-in cities without the file', async () => {
    const { settlements, description } = await loadSettlements('/nonexistent/places.geojson');
    expect(settlements).toEqual(BUILT_IN_CITIES);
    expect(description).toContain('not found');
  });
});
