/**
 * Before and after of an audit entry, reduced to what a person scans for: which fields changed,
 * from what to what. Entries differ in shape (an account update records the whole account before
 * but only the fields sent after; a hotspot edit records both in full), so the fields compared are
 * those of "after" when it has any, else those of "before" (a deletion).
 */

export interface AuditChange {
  field: string;
  before?: string;
  after?: string;
}

/** Bookkeeping that changes with every write and says nothing about what was done. */
const NOISE = new Set(['updated_at', 'updated_by', 'version']);
const MAX_VALUE = 80;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A value in one short line: long text and whole geometries are cut, not wrapped. */
function shortValue(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

export function auditChanges(before: unknown, after: unknown): AuditChange[] {
  if (!isRecord(before) && !isRecord(after)) {
    if (before == null && after == null) return [];
    return [{ field: '', before: shortValue(before ?? undefined), after: shortValue(after ?? undefined) }];
  }
  const old = isRecord(before) ? before : {};
  const now = isRecord(after) ? after : {};
  const fields = Object.keys(isRecord(after) && Object.keys(after).length ? now : old);
  return fields
    .filter((field) => !NOISE.has(field))
    .filter((field) => JSON.stringify(old[field]) !== JSON.stringify(now[field]))
    .map((field) => ({
      field,
      before: field in old ? shortValue(old[field]) : undefined,
      after: field in now ? shortValue(now[field]) : undefined,
    }));
}

/** The entry in full, for whoever needs more than the summary. */
export function fullJson(value: unknown): string {
  return value === undefined || value === null ? '—' : JSON.stringify(value, null, 2);
}
