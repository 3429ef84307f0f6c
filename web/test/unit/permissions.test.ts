import { describe, expect, it } from 'vitest';
import { TRANSITIONS } from '@oshaq/api/contract/transitions';
import { ROLES, STATUSES, type CurrentUser, type HotspotFeature, type Status } from '../../src/api/types';
import {
  canComment,
  canCreateHotspots,
  canEditHotspot,
  canManageUsers,
  transitionsFor,
} from '../../src/auth/permissions';

function user(role: CurrentUser['role'], agency: string | null = null): CurrentUser {
  return { id: 1, login: role, full_name: `Test ${role}`, role, agency, language: 'kk' };
}

function hotspot(status: Status, agency: string | null): HotspotFeature {
  return {
    type: 'Feature',
    id: '5f0c6c1e-8d8e-4b7a-9a43-0c1d2e3f4a5b',
    geometry: { type: 'Point', coordinates: [69.6, 42.3] },
    properties: {
      reference: '2026-001',
      title: 'Су жоқ',
      description: '',
      category: 'water',
      severity: 'medium',
      status,
      area_id: null,
      agency,
      source: null,
      external_ref: null,
      registered_on: '2026-01-10',
      due_on: null,
      resolved_on: null,
      resolution_note: null,
      overdue: false,
      confidential: false,
      version: 1,
      created_by: 'prosecutor',
      created_at: '2026-01-10T09:00:00.000Z',
      updated_by: 'prosecutor',
      updated_at: '2026-01-10T09:00:00.000Z',
    },
  };
}

/** What the prosecutor's office may do: the whole life cycle, including dismissing and reopening. */
const FULL: Record<Status, Status[]> = {
  registered: ['in_progress', 'dismissed'],
  in_progress: ['resolved', 'dismissed'],
  resolved: ['in_progress'],
  dismissed: ['in_progress'],
};

/** What an akimat department may do on its own hotspots: start work, and resolve. */
const AKIMAT_OWN: Record<Status, Status[]> = {
  registered: ['in_progress'],
  in_progress: ['resolved'],
  resolved: [],
  dismissed: [],
};

describe('transitionsFor', () => {
  it('offers the prosecutor exactly the transitions the API contract allows', () => {
    expect(FULL).toEqual(TRANSITIONS);
  });

  for (const role of ['prosecutor', 'admin'] as const)
    it.each(STATUSES)(`offers ${role} every allowed change from %s, whoever is responsible`, (status) => {
      for (const agency of ['housing', 'police', null])
        expect([...transitionsFor(user(role), hotspot(status, agency))].sort()).toEqual([...FULL[status]].sort());
    });

  it.each(STATUSES)('offers an akimat department only starting and resolving its own hotspot in %s', (status) => {
    expect(transitionsFor(user('akimat', 'housing'), hotspot(status, 'housing'))).toEqual(AKIMAT_OWN[status]);
  });

  it('never offers an akimat department dismissing or reopening', () => {
    for (const status of STATUSES) {
      const offered = transitionsFor(user('akimat', 'housing'), hotspot(status, 'housing'));
      expect(offered).not.toContain('dismissed');
      if (status === 'resolved' || status === 'dismissed') expect(offered).toEqual([]);
    }
  });

  it.each(STATUSES)("offers an akimat department nothing on another agency's hotspot in %s", (status) => {
    expect(transitionsFor(user('akimat', 'housing'), hotspot(status, 'police'))).toEqual([]);
    expect(transitionsFor(user('akimat', 'housing'), hotspot(status, null))).toEqual([]);
  });

  it('offers an akimat account without an agency nothing, even on hotspots with no agency', () => {
    for (const status of STATUSES) expect(transitionsFor(user('akimat', null), hotspot(status, null))).toEqual([]);
  });

  it.each(STATUSES)('offers a viewer nothing in %s', (status) => {
    expect(transitionsFor(user('viewer'), hotspot(status, null))).toEqual([]);
    expect(transitionsFor(user('viewer', 'housing'), hotspot(status, 'housing'))).toEqual([]);
  });
});

describe('what each role may do', () => {
  it.each([
    ['viewer', false],
    ['akimat', false],
    ['prosecutor', true],
    ['admin', true],
  ] as const)('lets %s create and edit hotspots: %s', (role, allowed) => {
    expect(canCreateHotspots(user(role, 'housing'))).toBe(allowed);
    expect(canEditHotspot(user(role, 'housing'))).toBe(allowed);
  });

  it('covers every role', () => {
    expect([...ROLES].sort()).toEqual(['admin', 'akimat', 'prosecutor', 'viewer']);
  });

  it('lets the prosecutor and the administrator comment on any hotspot', () => {
    for (const role of ['prosecutor', 'admin'] as const)
      for (const agency of ['housing', null]) expect(canComment(user(role), hotspot('registered', agency))).toBe(true);
  });

  it('lets an akimat department comment only on its own hotspots', () => {
    expect(canComment(user('akimat', 'housing'), hotspot('in_progress', 'housing'))).toBe(true);
    expect(canComment(user('akimat', 'housing'), hotspot('in_progress', 'police'))).toBe(false);
    expect(canComment(user('akimat', 'housing'), hotspot('in_progress', null))).toBe(false);
    expect(canComment(user('akimat', null), hotspot('in_progress', null))).toBe(false);
  });

  it('never lets a viewer comment', () => {
    expect(canComment(user('viewer', 'housing'), hotspot('registered', 'housing'))).toBe(false);
  });

  it('lets only the administrator manage users', () => {
    expect(ROLES.filter((role) => canManageUsers(user(role)))).toEqual(['admin']);
  });
});
