import type { Request } from 'express';
import type { Role } from '../accounts/repo.js';

/** Only prosecutor's staff and administrators see confidential hotspots; others see them only as counts. */
export function canSeeConfidential(role: Role | undefined): boolean {
  return role === 'prosecutor' || role === 'admin';
}

declare const viewerBrand: unique symbol;

/**
 * Whose eyes a read of hotspots is for. Every read of the hotspots table starts from
 * api/src/sql/visible-hotspots.ts, which takes a Viewer — never a boolean a caller worked out,
 * which one missed or inverted argument once could leak. A Viewer is made only here: from the
 * authenticated request (`viewerOf`, which `actorOf` also hands to writes as `actor.viewer`), or
 * `SYSTEM_VIEWER` for scripts and tests acting as the system.
 */
export interface Viewer {
  readonly [viewerBrand]: true;
  /** Whether confidential hotspots are shown to this viewer: what an answer says about its breakdowns. */
  readonly seesConfidential: boolean;
}

const viewer = (seesConfidential: boolean) => Object.freeze({ seesConfidential }) as Viewer;
const SEES_CONFIDENTIAL = viewer(true);
const SEES_PUBLIC = viewer(false);

/** The viewer a request is for: anonymous callers and roles that may not see confidential hotspots see the rest. */
export function viewerOf(req: Request): Viewer {
  return canSeeConfidential(req.auth?.user.role) ? SEES_CONFIDENTIAL : SEES_PUBLIC;
}

/**
 * Sees every hotspot, confidential ones too: for scripts and tests that act as the system, not
 * for anything answering a person (api/test/hotspot-reads.unit.test.ts fails if api/src uses it).
 */
export const SYSTEM_VIEWER: Viewer = viewer(true);
