import { z } from 'zod';

const counts = { entered: z.number().int(), resolved: z.number().int() };

export const statsResponse = z
  .object({
    period: z.object({ from: z.string().nullable(), to: z.string() }),
    entered: z.number().int().meta({ description: 'hotspots registered in the period (matching the filters)' }),
    resolved: z.number().int().meta({ description: "of those, resolved by the period's end" }),
    registered: z.number().int().meta({ description: 'of those, still registered with no work started' }),
    in_progress: z.number().int(),
    dismissed: z.number().int(),
    overdue: z.number().int().meta({ description: 'of those, open and past their due date today' }),
    confidential: z
      .number()
      .int()
      .optional()
      .meta({
        description:
          'of those entered, how many are confidential. Always given to roles that see confidential hotspots. ' +
          'For the other roles confidential hotspots are counted (in every figure, and here) only when the ' +
          'filters are a headline period and nothing else — registered_from absent or the 1st of a month, ' +
          'registered_to absent, today or later, or the last day of a month; otherwise they are left out of every ' +
          'figure and this field is absent, so that no count singles one out',
      }),
    breakdowns_include_confidential: z.boolean().meta({
      description: 'false for roles that may not see confidential hotspots: the breakdowns then leave them out',
    }),
    by_category: z.array(z.object({ category: z.string(), ...counts })),
    by_area: z.array(z.object({ area_id: z.number().int().nullable(), ...counts })),
    by_agency: z.array(z.object({ agency: z.string().nullable(), ...counts })),
    by_severity: z.array(z.object({ severity: z.string(), ...counts })),
    by_month: z.array(z.object({ month: z.string().meta({ example: '2026-03' }), ...counts })),
  })
  .meta({ id: 'Stats' });
export type Stats = z.infer<typeof statsResponse>;
