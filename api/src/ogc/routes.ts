import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import type { Database } from '@oshaq/db';
import { bboxParam, isoDate } from '../contract/common.js';
import { coded } from '../contract/problems.js';
import { MATCH_COUNT_LIMIT } from '../contract/hotspots.js';
import { invalid } from '../errors.js';
import { HttpProblem } from '../http/problem.js';
import { parseInput } from '../http/validate.js';
import { GEOJSON, JSON_TYPE, OPENAPI_TYPE } from '../http/media-types.js';
import { CRS84, GREGORIAN, link, ogcUrl, originOf, pageLink, readCursor, selfLink } from './links.js';
import { viewerOf } from '../auth/visibility.js';
import * as repo from './repo.js';
import type { CollectionId } from './repo.js';

/**
 * OGC API – Features Part 1 (Core, GeoJSON), read-only, so GIS clients (QGIS, GDAL/OGR) can
 * load the hotspots and the areas as layers. Everything is CRS84 (lon/lat), as RFC 7946 wants.
 */

const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
];

const COLLECTIONS: Record<CollectionId, { title: string; description: string }> = {
  hotspots: {
    title: 'Әлеуметтік шиеленіс ошақтары',
    description:
      'Очаги социальной напряжённости · Social-tension hotspots: place, category, severity, status, ' +
      'responsible agency and dates. `datetime` filters on the registration date.',
  },
  areas: {
    title: 'Әкімшілік бірліктер',
    description: 'Административные единицы · Administrative areas: the boundaries hotspots are counted in.',
  },
};

const LIMIT_MESSAGE = 'must be a whole number from 1 to 1000';
const limitParam = z.coerce
  .number({ error: LIMIT_MESSAGE })
  .int(LIMIT_MESSAGE)
  .min(1, LIMIT_MESSAGE)
  .max(1000, LIMIT_MESSAGE)
  .default(10);

const DATETIME_MESSAGE =
  'must be a date or an RFC 3339 date-time, or an interval of them such as 2026-01-01/2026-06-30, ../2026-06-30 or 2026-01-01/..';
const isoDay = z.iso.date();
const isoInstant = z.iso.datetime({ offset: true });

/** The calendar date of a date or date-time, as written: hotspots are registered by the day. */
function dayOf(text: string): string | undefined {
  const upper = text.toUpperCase();
  if (isoDay.safeParse(upper).success) return upper;
  return isoInstant.safeParse(upper).success ? upper.slice(0, 10) : undefined;
}

/** OGC's `datetime`: an instant, or an interval whose open end is `..` (or empty). Compared by date. */
const datetimeParam = z.string().transform((value, ctx) => {
  const parts = value.split('/');
  const open = (part: string) => part === '..' || part === '';
  if (parts.length > 2 || (parts.length === 1 && open(value)) || parts.every(open)) {
    ctx.addIssue({ code: 'custom', message: DATETIME_MESSAGE });
    return z.NEVER;
  }
  const [start = '', end = start] = parts;
  const from = open(start) ? undefined : dayOf(start);
  const to = open(end) ? undefined : dayOf(end);
  if ((!open(start) && !from) || (!open(end) && !to)) {
    ctx.addIssue({ code: 'custom', message: DATETIME_MESSAGE });
    return z.NEVER;
  }
  // The same years every other date takes: PostgreSQL reads year 0 as an error, not as no match.
  const outside = [from, to].some((day) => day !== undefined && !isoDate.safeParse(day).success);
  if (outside) {
    ctx.addIssue({
      code: 'custom',
      ...coded('date_out_of_range', 'must be a date between 1900 and 2199', { min: '1900-01-01', max: '2199-12-31' }),
    });
    return z.NEVER;
  }
  if (from && to && from > to) {
    ctx.addIssue({ code: 'custom', message: 'must not start after it ends' });
    return z.NEVER;
  }
  return { from, to };
});

/** A parameter sent twice arrives as an array; say so rather than call its value malformed. */
function once<T extends z.ZodType>(schema: T) {
  return z.preprocess((value, ctx) => {
    if (!Array.isArray(value)) return value;
    ctx.addIssue({ code: 'custom', message: 'must be given once', input: value });
    return z.NEVER;
  }, schema);
}

const noParameters = z.object({}).strict();
const cursorParam = once(z.string().max(500, 'is not a cursor this API gave out')).optional();
const itemsQuery: Record<CollectionId, z.ZodType<ItemsQuery>> = {
  hotspots: z
    .object({
      limit: once(limitParam),
      bbox: once(bboxParam).optional(),
      datetime: once(datetimeParam).optional(),
      cursor: cursorParam,
    })
    .strict(),
  areas: z
    .object({
      limit: once(limitParam),
      bbox: once(bboxParam).optional(),
      // Named rather than refused as unknown, so the message says why.
      datetime: z.custom<never>(() => false, 'cannot filter areas: they have no date').optional(),
      cursor: cursorParam,
    })
    .strict(),
};

interface ItemsQuery {
  limit: number;
  bbox?: repo.ItemFilters['bbox'];
  datetime?: { from?: string; to?: string };
  cursor?: string;
}

function collectionOf(req: Request): CollectionId {
  const id = String(req.params.collectionId);
  if (!(repo.COLLECTION_IDS as readonly string[]).includes(id)) {
    throw new HttpProblem(
      404,
      'Not Found',
      `There is no collection "${id}"; the collections are ${repo.COLLECTION_IDS.join(' and ')}.`,
    );
  }
  return id as CollectionId;
}

function sendJson(res: Response, type: string, body: unknown): void {
  res.type(type).send(typeof body === 'string' ? body : JSON.stringify(body));
}

async function describeCollection(db: Database, req: Request, id: CollectionId) {
  const extent = await repo.extentOf(db.knex, viewerOf(req), id);
  const href = ogcUrl(req, `/collections/${id}`);
  return {
    id,
    ...COLLECTIONS[id],
    itemType: 'feature',
    crs: [CRS84],
    ...(extent.bbox
      ? {
          extent: {
            spatial: { bbox: [extent.bbox], crs: CRS84 },
            // Whole days: `datetime` compares by date, so these bounds select every feature.
            ...(extent.dates
              ? {
                  temporal: {
                    interval: [[`${extent.dates[0]}T00:00:00Z`, `${extent.dates[1]}T23:59:59Z`]],
                    trs: GREGORIAN,
                  },
                }
              : {}),
          },
        }
      : {}),
    links: [
      link(href, 'self', JSON_TYPE, COLLECTIONS[id].title),
      link(`${href}/items`, 'items', GEOJSON, `${COLLECTIONS[id].title} (GeoJSON)`),
    ],
  };
}

export function ogcRoutes(db: Database, today: () => string): express.Router {
  const router = express.Router();
  const knex = db.knex;

  router.get('/', (req, res) => {
    parseInput(noParameters, req.query, 'query');
    sendJson(res, JSON_TYPE, {
      title: 'Oshaq — OGC API – Features',
      description:
        'Әлеуметтік шиеленіс ошақтарының картасы · Карта очагов социальной напряжённости · Social-tension hotspot map',
      links: [
        selfLink(req, JSON_TYPE),
        link(`${originOf(req)}/api/openapi.json`, 'service-desc', OPENAPI_TYPE, 'The API definition'),
        link(`${originOf(req)}/api/docs`, 'service-doc', 'text/html', 'The API documentation'),
        link(ogcUrl(req, '/conformance'), 'conformance', JSON_TYPE, 'Conformance classes implemented'),
        link(ogcUrl(req, '/collections'), 'data', JSON_TYPE, 'The feature collections'),
      ],
    });
  });

  router.get('/conformance', (req, res) => {
    parseInput(noParameters, req.query, 'query');
    sendJson(res, JSON_TYPE, { conformsTo: CONFORMANCE });
  });

  router.get('/collections', async (req, res) => {
    parseInput(noParameters, req.query, 'query');
    const collections = [];
    for (const id of repo.COLLECTION_IDS) collections.push(await describeCollection(db, req, id));
    sendJson(res, JSON_TYPE, { links: [selfLink(req, JSON_TYPE)], collections });
  });

  router.get('/collections/:collectionId', async (req, res) => {
    const id = collectionOf(req);
    parseInput(noParameters, req.query, 'query');
    sendJson(res, JSON_TYPE, await describeCollection(db, req, id));
  });

  router.get('/collections/:collectionId/items', async (req, res) => {
    const id = collectionOf(req);
    const query = parseInput(itemsQuery[id], req.query, 'query');
    const cursor = query.cursor === undefined ? undefined : readCursor(query.cursor);
    if (query.cursor !== undefined && (!cursor || !repo.isFeatureId(id, cursor.id))) {
      throw invalid(
        'cursor',
        'bad_cursor',
        'is not a cursor this API gave out: follow the next and prev links, or start without one',
      );
    }
    const filters = { bbox: query.bbox, ...query.datetime };
    const viewer = viewerOf(req);
    const [page, count] = await repo.pageOfItemsCounted(
      knex,
      viewer,
      id,
      filters,
      query.limit,
      cursor,
      today(),
      MATCH_COUNT_LIMIT,
    );
    const links = [
      selfLink(req, GEOJSON),
      link(ogcUrl(req, `/collections/${id}`), 'collection', JSON_TYPE, COLLECTIONS[id].title),
    ];
    if (page.next) links.push(pageLink(req, 'next', page.next));
    if (page.prev) links.push(pageLink(req, 'prev', page.prev));
    // Assembled as text: the features arrive from the database already serialised.
    sendJson(
      res,
      GEOJSON,
      `{"type":"FeatureCollection","timeStamp":${JSON.stringify(new Date().toISOString())},` +
        // Beyond the limit numberMatched is left out, as OGC API – Features allows for an unknown count.
        (count.exact ? `"numberMatched":${count.matched},` : '') +
        `"numberReturned":${page.features.length},` +
        `"links":${JSON.stringify(links)},"features":[${page.features.join(',')}]}`,
    );
  });

  router.get('/collections/:collectionId/items/:featureId', async (req, res) => {
    const id = collectionOf(req);
    parseInput(noParameters, req.query, 'query');
    const featureId = String(req.params.featureId);
    const feature = repo.isFeatureId(id, featureId)
      ? await repo.itemJson(knex, viewerOf(req), id, featureId, today())
      : undefined;
    if (!feature) {
      throw new HttpProblem(404, 'Not Found', `Collection ${id} has no feature "${featureId}".`);
    }
    const links = [
      selfLink(req, GEOJSON),
      link(ogcUrl(req, `/collections/${id}`), 'collection', JSON_TYPE, COLLECTIONS[id].title),
    ];
    sendJson(res, GEOJSON, `${feature.slice(0, -1)},"links":${JSON.stringify(links)}}`);
  });

  return router;
}
