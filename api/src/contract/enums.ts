/**
 * The fixed value lists of the contract, free of zod: the browser bundle imports these without
 * pulling in the schema library.
 */
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const STATUSES = ['registered', 'in_progress', 'resolved', 'dismissed'] as const;
export const ROLES = ['viewer', 'akimat', 'prosecutor', 'admin'] as const;
export type Severity = (typeof SEVERITIES)[number];
export type Status = (typeof STATUSES)[number];
export type Role = (typeof ROLES)[number];
