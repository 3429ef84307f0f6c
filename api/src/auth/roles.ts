/**
 * Who may write what, by role; the route table checks these before reading a body. Akimat
 * staff act only on their own agency's records: the services check which.
 */

/** The prosecutor's office keeps the record (hotspots, meetings, instructions); administrators may too. */
export const EDITORS = ['prosecutor', 'admin'] as const;

/** Those who work on the record: the editors, and akimat staff for their own agency. */
export const WORKERS = ['akimat', 'prosecutor', 'admin'] as const;
