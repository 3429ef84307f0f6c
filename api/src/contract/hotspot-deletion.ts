import { z } from 'zod';
import { coded } from './problems.js';

/**
 * Deleting a hotspot from the interface and undoing it. A deletion says why (a code the web words,
 * and a note); "other" needs the note, since the code alone then says nothing. The API keeps the
 * reason with the record and in the audit trail, and a deletion can be undone for RESTORE_WINDOW_HOURS.
 */
export const DELETION_REASONS = ['registered_in_error', 'duplicate', 'other'] as const;
export type DeletionReason = (typeof DELETION_REASONS)[number];

/** How long after a deletion it can be undone (POST /api/hotspots/{id}/restore). */
export const RESTORE_WINDOW_HOURS = 24;

export const DELETION_NOTE_MAX = 500;

export const hotspotDeletion = z
  .object({
    reason: z.enum(DELETION_REASONS, { error: `must be one of ${DELETION_REASONS.join(', ')}` }),
    note: z
      .string()
      .trim()
      .max(DELETION_NOTE_MAX, `must be at most ${DELETION_NOTE_MAX} characters`)
      .optional()
      .meta({ description: 'what happened, in a few words; required when the reason is other' }),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.reason === 'other' && !value.note) {
      ctx.addIssue({ code: 'custom', path: ['note'], ...coded('required', 'is required when the reason is other') });
    }
  })
  .meta({ id: 'HotspotDeletion' });
export type HotspotDeletion = z.infer<typeof hotspotDeletion>;
