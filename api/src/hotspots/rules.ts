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
