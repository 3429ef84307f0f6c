import { z } from 'zod';
import type { Database } from '@oshaq/db';
import { agency, areaCollection, areaFeature, areaListQuery, category } from '../contract/reference.js';
import { DomainError } from '../errors.js';
import type { RouteTable } from '../http/route-table.js';
import { GEOJSON } from '../http/media-types.js';
import * as repo from './repo.js';
import { idParam } from '../contract/common.js';

const areaParams = z
  .object({
    id: idParam('must be an area id'),
  })
  .strict();

export function referenceRoutes(table: RouteTable, db: Database): void {
  table.add(
    {
      method: 'get',
      path: '/categories',
      summary: 'Hotspot categories with names in Kazakh, Russian and English and their map colours',
      tags: ['reference'],
      access: 'signed_in',
      responses: { 200: { description: 'Categories in display order', schema: z.array(category) } },
      cache: true,
    },
    async (_input, _req, res) => {
      res.json(await repo.listCategories(db.knex));
    },
  );

  table.add(
    {
      method: 'get',
      path: '/agencies',
      summary: 'Responsible agencies, in Kazakh alphabetical order',
      tags: ['reference'],
      access: 'signed_in',
      responses: { 200: { description: 'Agencies', schema: z.array(agency) } },
      cache: true,
    },
    async (_input, _req, res) => {
      res.json(await repo.listAgencies(db.knex));
    },
  );

  table.add(
    {
      method: 'get',
      path: '/areas',
      summary: 'Administrative areas as GeoJSON, optionally simplified for small zooms',
      tags: ['reference'],
      access: 'signed_in',
      query: areaListQuery,
      responses: { 200: { description: 'Areas, largest level first', schema: areaCollection, contentType: GEOJSON } },
      cache: true,
    },
    async ({ query }, _req, res) => {
      res.type(GEOJSON).send(await repo.areaCollectionJson(db.knex, query));
    },
  );

  table.add(
    {
      method: 'get',
      path: '/areas/:id',
      summary: 'One administrative area with its full boundary',
      tags: ['reference'],
      access: 'signed_in',
      params: areaParams,
      responses: { 200: { description: 'The area', schema: areaFeature, contentType: GEOJSON } },
      cache: true,
    },
    async ({ params }, _req, res) => {
      const feature = await repo.areaFeatureJson(db.knex, params.id);
      if (!feature) throw new DomainError('not_found', `Area ${params.id} does not exist.`);
      res.type(GEOJSON).send(feature);
    },
  );
}
