import { clientConfig, type ClientConfig } from '../contract/client-config.js';
import type { RouteTable } from '../http/route-table.js';

export interface ClientConfigDeps {
  version: string;
  tileUrl: string | undefined;
  tileAttribution: string;
  jurisdiction: readonly string[] | undefined;
  timeZone: string;
  today: () => string;
}

/** Public: the sign-in page and the map need the base map and the city's date before sign-in. */
export function clientConfigRoutes(table: RouteTable, deps: ClientConfigDeps): void {
  table.add(
    {
      method: 'get',
      path: '/config',
      summary: 'Settings the web app needs: base-map tiles, jurisdiction, time zone and today',
      tags: ['meta'],
      access: 'public',
      responses: { 200: { description: 'Client settings', schema: clientConfig } },
    },
    (_input, _req, res) => {
      const body: ClientConfig = {
        version: deps.version,
        tile_url: deps.tileUrl ?? null,
        tile_attribution: deps.tileAttribution,
        jurisdiction: deps.jurisdiction ? [...deps.jurisdiction] : null,
        time_zone: deps.timeZone,
        today: deps.today(),
      };
      res.setHeader('Cache-Control', 'no-cache');
      res.json(body);
    },
  );
}
