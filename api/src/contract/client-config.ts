import { z } from 'zod';

/** What the web app needs to know about this installation before anyone signs in. */
export const clientConfig = z
  .object({
    version: z.string(),
    tile_url: z.string().nullable().meta({ description: 'base-map tile URL template; null: no base map' }),
    tile_attribution: z.string(),
    jurisdiction: z
      .array(z.string())
      .nullable()
      .meta({ description: 'codes of the areas every hotspot must lie in (in one of them); null: anywhere' }),
    time_zone: z.string(),
    today: z.string().meta({ description: "today's date in the city's time zone (YYYY-MM-DD)" }),
  })
  .meta({ id: 'ClientConfig' });
export type ClientConfig = z.infer<typeof clientConfig>;
