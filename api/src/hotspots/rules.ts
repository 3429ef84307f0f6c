import type { Status } from '../contract/common.js';
import { TRANSITIONS } from '../contract/transitions.js';

const ALLOWED = TRANSITIONS;

export function canTransition(from: Status, to: Status): boolean {
  return ALLOWED[from].includes(to);
}

export function allowedTransitions(from: Status): Status[] {
  return ALLOWED[from];
}

export function isClosing(to: Status): boolean {
  return to === 'resolved' || to === 'dismissed';
}

/** Weak validators would let a stale edit through; the ETag is the version, strong. */
export function etagFor(version: number): string {
  return `"v${version}"`;
}

/** The version an If-Match header names; `*` means any; undefined when unparsable. */
export function versionFromIfMatch(header: string): number | '*' | undefined {
  const value = header.trim();
  if (value === '*') return '*';
  const match = /^(?:W\/)?"v(\d{1,9})"$/.exec(value);
  return match ? Number(match[1]) : undefined;
}
