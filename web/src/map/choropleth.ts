import type { AreaCollection, AreaFeature, Stats } from '../api/types';
import { CHOROPLETH } from './styles';

/** Hotspots entered per area id, from the selection's statistics. */
export const countsOf = (stats: Stats | undefined): Map<number | null, number> =>
  new Map((stats?.by_area ?? []).map((row) => [row.area_id, row.entered]));

/** The deepest areas that have counts are coloured; their parents would hide them. */
export function leavesOf(areas: AreaFeature[]): AreaFeature[] {
  const parents = new Set(areas.map((area) => area.properties.parent_id).filter((id) => id !== null));
  return areas.filter((area) => !parents.has(area.properties.id));
}

/** The top of the colour scale: the largest count among the coloured areas. */
export function choroplethMax(areas: AreaCollection | undefined, stats: Stats | undefined): number {
  const counts = countsOf(stats);
  return Math.max(0, ...leavesOf(areas?.features ?? []).map((area) => counts.get(area.properties.id) ?? 0));
}

/**
 * The class of a count: 0 for none, then equal steps up to the largest count. Integer arithmetic
 * (4n / max is exact whenever it is a whole number), so a count on a break falls in the class the
 * legend says it does.
 */
export function choroplethClass(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  return Math.min(CHOROPLETH.length - 1, Math.ceil((count * (CHOROPLETH.length - 1)) / max));
}

export interface ChoroplethStep {
  colour: string;
  from: number;
  to: number;
}

/**
 * The classes the map draws for counts up to `max`, as whole-number ranges ("0", "1–3", "4–6"…):
 * class k holds the counts n with ceil(4n / max) = k. Classes no whole count falls in are left out.
 */
export function choroplethSteps(max: number): ChoroplethStep[] {
  const steps: ChoroplethStep[] = [{ colour: CHOROPLETH[0]!, from: 0, to: 0 }];
  const classes = CHOROPLETH.length - 1;
  for (let k = 1; k <= classes && max > 0; k++) {
    const from = Math.floor(((k - 1) * max) / classes) + 1;
    const to = Math.floor((k * max) / classes);
    if (from <= to) steps.push({ colour: CHOROPLETH[k]!, from, to });
  }
  return steps;
}
