import type { Outcome } from './client.js';

/**
 * What became of each write the clients sent. Acknowledged (2xx): it must be in the database,
 * exactly once. Rejected (4xx): it must not be there. Unknown (5xx, or no answer at all): it may
 * or may not have been committed, but never twice.
 */
export type Fate = 'acknowledged' | 'rejected' | 'unknown';

export interface WriteRecord {
  kind: 'create' | 'transition' | 'comment' | 'edit';
  /**
   * A text no other write uses, by which the write is found in the database: the external_ref
   * of a created hotspot, the note of a transition or comment, the new title of an edit.
   */
  marker: string;
  /** The hotspot written to (for a create: its id once acknowledged). */
  hotspotId?: string;
  /** A transition's target status. */
  to?: string;
  fate: Fate;
  status: Outcome['status'];
}

export function fateOf(outcome: Outcome): Fate {
  // A server error may come after the commit (the answer is built from a read that failed).
  if (outcome.status === 'network' || outcome.status >= 500) return 'unknown';
  return outcome.status >= 200 && outcome.status < 300 ? 'acknowledged' : 'rejected';
}

export class Ledger {
  readonly writes: WriteRecord[] = [];
  private sequence = 0;

  constructor(private readonly run: string) {}

  /** A marker unique to this run and this write. */
  marker(kind: string): string {
    this.sequence += 1;
    return `${this.run}-${kind}-${String(this.sequence).padStart(6, '0')}`;
  }

  record(write: Omit<WriteRecord, 'fate' | 'status'>, outcome: Outcome): WriteRecord {
    const record = { ...write, fate: fateOf(outcome), status: outcome.status };
    this.writes.push(record);
    return record;
  }

  count(fate: Fate, kind?: WriteRecord['kind']): number {
    return this.writes.filter((write) => write.fate === fate && (!kind || write.kind === kind)).length;
  }
}
