// npm run geodata:import -- FILE_OR_URL --level district [--code PROP] [--name-kk PROP] [--name-ru PROP]
//   [--name-en PROP] [--source TEXT] [--dry-run]
// Loads a GeoJSON boundary file into `areas`, all or nothing. See geodata/README.md for sources.
// npm run geodata:import -- FILE_OR_URL --places [--source TEXT] [--licence TEXT] [--dry-run]
// Loads populated places (OpenStreetMap points: name, name:kk/ru/en, place, population) into
// `places`, keeping those inside the stored areas: import the boundaries first.
import { parseArgs } from 'node:util';
import { AREA_LEVELS, type AreaLevel, importBoundaries, importPlaces, OSM_PLACES_LICENCE } from '@oshaq/db';
import { appendAudit } from '../api/src/accounts/repo.js';
import { withDatabase } from './lib/cli.js';
import { readGeoJson } from './lib/read-geojson.js';

const usage = `Usage: npm run geodata:import -- FILE_OR_URL --level ${AREA_LEVELS.join('|')} [--code PROP] [--name-kk PROP] [--name-ru PROP] [--name-en PROP] [--source TEXT] [--dry-run]\n       npm run geodata:import -- FILE_OR_URL --places [--source TEXT] [--licence TEXT] [--dry-run]`;

function parse() {
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: {
        level: { type: 'string' },
        code: { type: 'string' },
        'name-kk': { type: 'string' },
        'name-ru': { type: 'string' },
        'name-en': { type: 'string' },
        source: { type: 'string' },
        places: { type: 'boolean', default: false },
        licence: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
      },
    });
    if (positionals.length !== 1) throw new Error('give exactly one file or URL');
    if (values.places && values.level) throw new Error('--places loads points: give no --level');
    if (!values.places && !AREA_LEVELS.includes(values.level as AreaLevel))
      throw new Error(`--level must be one of ${AREA_LEVELS.join(', ')}`);
    return { input: positionals[0] as string, ...values, level: values.level as AreaLevel };
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
}

const args = parse();
// Read the file before opening the database: a wrong path or a truncated file fails at once.
const data = await readGeoJson(args.input).catch((error: Error) => {
  console.error(`Error: ${error.message}`);
  process.exit(1);
});

if (args.places) {
  await withDatabase(async (db) => {
    const options = { source: args.source ?? args.input, licence: args.licence ?? OSM_PLACES_LICENCE };
    const report = await importPlaces(db.knex, data, { ...options, dryRun: args['dry-run'] });
    for (const problem of report.problems) {
      console.error(`${problem.feature < 0 ? 'file' : `feature ${problem.feature}`}: ${problem.message}`);
    }
    if (report.problems.length > 0) {
      console.error(`Nothing imported: ${report.problems.length} problem(s) above.`);
      return 1;
    }
    const counts = { added: report.added, updated: report.updated, outside: report.outside, skipped: report.skipped };
    if (report.written) {
      await appendAudit(db.knex, {
        actor: `command line (geodata:import) as ${process.env.USER ?? 'unknown'}`,
        // Its own action: the audit page says "places imported", not "area boundaries imported".
        action: 'place.import',
        entity: 'place',
        after: { source: options.source, licence: options.licence, ...counts },
      });
    }
    console.error(
      `${report.written ? 'Imported' : 'Dry run: would import'} ${report.added} new and ${report.updated} updated place(s); ` +
        `${report.outside} outside the stored areas and ${report.skipped} unnamed or not a settlement left out.`,
    );
  });
} else {
  await withDatabase(async (db) => {
    const options = {
      level: args.level,
      codeProperty: args.code,
      nameProperties: { kk: args['name-kk'], ru: args['name-ru'], en: args['name-en'] },
      source: args.source ?? args.input,
    };
    const report = await importBoundaries(db.knex, data, { ...options, dryRun: args['dry-run'] });
    for (const repaired of report.repaired) {
      console.error(`feature ${repaired.feature}: repaired with ST_MakeValid (${repaired.message})`);
    }
    for (const problem of report.problems) {
      const where = problem.feature < 0 ? 'file' : `feature ${problem.feature}`;
      console.error(`${where}${problem.field ? ` (${problem.field})` : ''}: ${problem.message}`);
    }
    if (report.problems.length > 0) {
      console.error(`Nothing imported: ${report.problems.length} problem(s) above.`);
      return 1;
    }
    if (report.written) {
      await appendAudit(db.knex, {
        actor: `command line (geodata:import) as ${process.env.USER ?? 'unknown'}`,
        action: 'area.import',
        entity: 'area',
        after: {
          source: options.source,
          level: args.level,
          added: report.added,
          updated: report.updated,
          repaired: report.repaired.length,
        },
      });
    }
    console.error(
      report.written
        ? `Imported ${report.added} new and ${report.updated} updated ${args.level} area(s); ${report.repaired.length} repaired.`
        : `Dry run: ${report.added + report.updated} area(s) would be imported; ${report.repaired.length} would be repaired.`,
    );
  });
}
