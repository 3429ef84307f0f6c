/**
 * What the interface offers each role. The API refuses the same things anyway; hiding them only
 * spares people buttons that would answer 403.
 */
import { akimatMayTransition, TRANSITIONS } from '@oshaq/api/contract/transitions';
import type { CurrentUser, HotspotFeature, Status } from '../api/types';

export function canCreateHotspots(user: CurrentUser): boolean {
  return user.role === 'prosecutor' || user.role === 'admin';
}

export function canEditHotspot(user: CurrentUser): boolean {
  return canCreateHotspots(user);
}

function actsOn(user: CurrentUser, hotspot: HotspotFeature): boolean {
  if (user.role === 'prosecutor' || user.role === 'admin') return true;
  return user.role === 'akimat' && user.agency !== null && hotspot.properties.agency === user.agency;
}

export function transitionsFor(user: CurrentUser, hotspot: HotspotFeature): Status[] {
  if (!actsOn(user, hotspot)) return [];
  const from = hotspot.properties.status;
  return TRANSITIONS[from].filter((to) => user.role !== 'akimat' || akimatMayTransition(from, to));
}

export function canComment(user: CurrentUser, hotspot: HotspotFeature): boolean {
  return actsOn(user, hotspot);
}

export function canManageUsers(user: CurrentUser): boolean {
  return user.role === 'admin';
}
