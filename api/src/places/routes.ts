import type { Database } from '@oshaq/db';
import { placeSearchQuery, placeSearchResult, settlementCollection, settlementQuery } from '../contract/places.js';
import { GEOJSON } from '../http/media-types.js';
import type { RouteTable } from '../http/route-table.js';
import { findPlaces, settlementsInView } from './service.js';

/**
 * Places by name (settlements and administrative areas), for entering a location by keyboard,
 * and the settlements of a map view, which name the map when no base map loads. Both read
 * reference data only and are the same for every signed-in person, so both are cached.
 */
export function placeRoutes(table: RouteTable, db: Database): void {
  table.add(
    {
      method: 'get',
      path: '/places',
      summary: 'Settlements and administrative areas whose name holds the text, best matches first',
      tags: ['reference'],
      access: 'signed_in',
      query: placeSearchQuery,
      responses: {
        200: { description: 'Suggestions with a point and the area each lies in', schema: placeSearchResult },
      },
      cache: true,
    },
    async ({ query }, _req, res) => {
      res.json(await findPlaces(db.knex, query));
    },
  );

  table.add(
    {
      method: 'get',
      path: '/settlements',
      summary: 'Populated places in a bbox as GeoJSON points, the largest first, with the credit of their source',
      tags: ['reference'],
      access: 'signed_in',
      query: settlementQuery,
      responses: {
        200: {
          description: 'Settlements with names in three languages',
          schema: settlementCollection,
          contentType: GEOJSON,
        },
      },
      cache: true,
    },
    async ({ query }, _req, res) => {
      res.type(GEOJSON).send(await settlementsInView(db.knex, query));
    },
  );
}
