import type { Point, Polygon } from 'geojson';

/** Severity scale shared by schema, API and UI. */
export type Severity = 'low' | 'medium' | 'high' | 'critical';
export type HotspotStatus = 'registered' | 'in_progress' | 'resolved' | 'dismissed';

/**
 * One step in a demo hotspot's history after it was created.
 * `at` is a fraction (0..1) of the time between the hotspot's registration and
 * the end of its period (today for the current year, 31 December for the previous one),
 * so the demo stays believable whatever day it is loaded on.
 */
export interface DemoHistoryStep {
  at: number;
  actor: string;
  kind: 'commented' | 'status_changed';
  /** For status_changed: the status moved to. */
  to?: HotspotStatus;
  note: string;
}

/**
 * A demo hotspot. Dates are relative so that "18 registered this year, 12 resolved"
 * holds on whichever day the demo is loaded.
 */
export interface DemoHotspot {
  /** Stable key, stored as the hotspot's external reference so reseeding never duplicates. */
  key: string;
  year: 'current' | 'previous';
  /** Fraction (0..1) of the period (1 January → today, or the whole previous year). */
  registeredAt: number;
  title: string;
  description: string;
  categoryCode: string;
  severity: Severity;
  agencyCode: string;
  source: string;
  /** Days from registration to the deadline. */
  dueInDays: number;
  confidential: boolean;
  geometry: Point | Polygon;
  /** Who registered it (prosecutor's staff). */
  createdBy: string;
  /** Must end in the hotspot's final status; resolved/dismissed steps carry the note. */
  history: DemoHistoryStep[];
}
