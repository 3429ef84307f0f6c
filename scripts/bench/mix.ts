import { agencySeeds, categorySeeds } from '../../db/src/seed/reference-data.js';

/**
 * The proportions of the bench data set, in one place so the generator and its tests agree.
 * Shaped after what a prosecutor's office sees: most issues are about utilities, land, housing
 * and wages; most are resolved; severity clusters around medium; religious and interethnic
 * matters are rare but often confidential.
 */
export type Status = 'registered' | 'in_progress' | 'resolved' | 'dismissed';
export type Severity = 'low' | 'medium' | 'high' | 'critical';

export const STATUS_MIX: Record<Status, number> = { resolved: 60, in_progress: 20, registered: 15, dismissed: 5 };
export const SEVERITY_MIX: Record<Severity, number> = { low: 22, medium: 48, high: 22, critical: 8 };

/** Share of hotspots drawn as small polygons rather than points. */
export const POLYGON_SHARE = 0.1;
/** Share placed anywhere in the country's bbox instead of near a settlement. */
export const SPARSE_SHARE = 0.07;
/** Share written in Kazakh; the rest in Russian. */
export const KAZAKH_SHARE = 0.45;
/** Share of resolved hotspots that were reopened once and resolved again. */
export const REOPENED_SHARE = 0.04;

/** Confidential by category: about 3 % overall, most of it religious and interethnic matters. */
const SENSITIVE_CATEGORIES = new Set(['religious', 'interethnic']);
export function confidentialShare(categoryCode: string): number {
  return SENSITIVE_CATEGORIES.has(categoryCode) ? 0.4 : 0.007;
}

const CATEGORY_WEIGHTS: Record<string, number> = {
  utilities: 20,
  land: 14,
  housing: 12,
  labour: 12,
  social_payments: 10,
  roads: 9,
  public_order: 7,
  environment: 6,
  interethnic: 3,
  religious: 3,
  other: 4,
};

/** Which agency usually takes each category, with weights. */
const AGENCIES_BY_CATEGORY: Record<string, Record<string, number>> = {
  utilities: { housing_utilities: 1 },
  land: { land_relations: 4, akimat: 1 },
  housing: { construction: 7, akimat: 3 },
  labour: { labour_inspection: 7, employment: 3 },
  social_payments: { employment: 1 },
  roads: { housing_utilities: 1 },
  public_order: { police: 1 },
  environment: { ecology: 1 },
  interethnic: { assembly: 1, internal_policy: 1 },
  religious: { religious_affairs: 7, internal_policy: 3 },
  other: { akimat: 7, education: 3 },
};

const seededCategories = new Set(categorySeeds.map((category) => category.code));
const seededAgencies = new Set(agencySeeds.map((agency) => agency.code));

/**
 * Category weights restricted to the seeded reference data, so the generator never names a code
 * the database lacks; a seeded category without a weight of its own gets a small one.
 */
export function categoryWeights(): Record<string, number> {
  return Object.fromEntries([...seededCategories].map((code) => [code, CATEGORY_WEIGHTS[code] ?? 1]));
}

/** Agency weights for a category, restricted to seeded agencies; the akimat answers for the rest. */
export function agencyWeights(categoryCode: string): Record<string, number> {
  const wanted = Object.entries(AGENCIES_BY_CATEGORY[categoryCode] ?? {}).filter(([code]) => seededAgencies.has(code));
  return wanted.length > 0 ? Object.fromEntries(wanted) : { akimat: 1 };
}
