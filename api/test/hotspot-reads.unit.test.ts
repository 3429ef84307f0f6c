import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/*
 * Confidential hotspots (religious extremism, interethnic conflict) reach only those who may see
 * them because every read of the hotspots table starts from one seam, api/src/sql/visible-hotspots.ts,
 * which takes the viewer. This test reads the source of api/src and fails when a query reads the
 * table another way: knex('hotspots'), .from/.join('hotspots …'), or SQL text naming it after
 * FROM or JOIN. Writes (INSERT, UPDATE, DELETE) stay in the write modules listed below, each with
 * its reason. scripts/ and db/src serve no person (benchmarks, backups, seeding, boundary imports),
 * so they are not held to it.
 */

const SRC = path.resolve(import.meta.dirname, '../src');
const SEAM = 'sql/visible-hotspots.ts';
const HOW =
  'start it from visibleHotspots(knex, viewer) or joinHotspotAbout(query, viewer, fk) in api/src/sql/visible-hotspots.ts, ' +
  'with the viewer of the request (viewerOf(req), actor.viewer): never read the table itself';

/** Modules that write hotspots, and why there. */
const WRITE_MODULES: Record<string, string> = {
  'hotspots/writes.ts': 'registering, editing and moving a hotspot along the workflow',
  'hotspots/deletion.ts': 'deleting a hotspot and undoing it, handing the issue to its duplicates and back',
  'imports/repo.ts': 'an import inserts its batches of hotspots in one statement each',
};

/** Raw reads a write needs, by module and function, and why they must see every row. */
const READ_EXCEPTIONS: { file: string; where: string; reason: string }[] = [
  {
    file: 'hotspots/writes.ts',
    where: 'createHotspot',
    reason:
      'external_ref is unique over every hotspot, deleted and confidential ones too; only editors register, and they see those',
  },
  {
    file: 'imports/repo.ts',
    where: 'existingExternalRefs',
    reason: 'the same uniqueness for an import, which only editors run',
  },
];

/** Names only some files may use, and why. */
const RESTRICTED_NAMES: Record<string, Record<string, string>> = {
  countsIncludingConfidential: {
    [SEAM]: 'defines it',
    'stats/service.ts': 'the headline counts confidential hotspots under a headline period (stats/confidential.ts)',
    'discipline/service.ts': 'totals without an agency filter, and the year in figures, count them as numbers',
  },
  SYSTEM_VIEWER: {
    'auth/visibility.ts': 'defines it; scripts and tests act as the system, nothing answering a person',
  },
  canSeeConfidential: {
    'auth/visibility.ts': 'the rule itself, behind viewerOf',
    'cache/read-cache.ts': 'the read cache keys answers by visibility class',
  },
};

export interface TableUse {
  line: number;
  kind: 'read' | 'write';
  /** The function the use is in, or (module). */
  where: string;
  text: string;
}

const TABLE_ARGUMENT = /^\s*(?:public\.)?"?hotspots"?(?:\s+(?:as\s+)?\w+)?\s*$/i;
const SQL_USE = /\b(insert\s+into|update|delete\s+from|from|join)\s+(?:public\.)?"?hotspots"?(?![\w"])/gi;
const WRITE_METHODS = new Set(['insert', 'update', 'del', 'delete', 'increment', 'decrement', 'upsert']);

/** The named function a node is in; outside any, the variable it is assigned to. */
function enclosingName(node: ts.Node): string {
  let variable: string | undefined;
  for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
    if ((ts.isFunctionDeclaration(at) || ts.isMethodDeclaration(at)) && at.name) return at.name.getText();
    if ((ts.isVariableDeclaration(at) || ts.isPropertyAssignment(at)) && ts.isIdentifier(at.name)) {
      const value = at.initializer;
      if (value && (ts.isArrowFunction(value) || ts.isFunctionExpression(value))) return at.name.text;
      variable ??= at.name.text;
    }
  }
  return variable ?? '(module)';
}

/** The methods called on a call's result, in order: knex('hotspots').where(…).update(…) gives where, update. */
function chainedMethods(call: ts.CallExpression): string[] {
  const names: string[] = [];
  let at: ts.Node = call;
  while (ts.isPropertyAccessExpression(at.parent) && at.parent.expression === at) {
    names.push(at.parent.name.text);
    at = at.parent.parent && ts.isCallExpression(at.parent.parent) ? at.parent.parent : at.parent;
  }
  return names;
}

/** Every use of the hotspots table in a TypeScript source, read or write. */
export function hotspotTableUses(fileName: string, text: string): TableUse[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const uses: TableUse[] = [];
  const add = (node: ts.Node, kind: TableUse['kind'], what: string) =>
    uses.push({
      line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
      kind,
      where: enclosingName(node),
      text: what,
    });
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateLiteralToken(node)) {
      for (const match of node.text.matchAll(SQL_USE)) {
        const keyword = (match[1] ?? '').toLowerCase().replace(/\s+/g, ' ');
        add(node, ['from', 'join'].includes(keyword) ? 'read' : 'write', match[0]);
      }
    }
    if (ts.isCallExpression(node)) {
      const [first] = node.arguments;
      if (first && ts.isStringLiteralLike(first) && TABLE_ARGUMENT.test(first.text)) {
        const callee = node.expression;
        const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
        const text = `${method === undefined ? callee.getText() : `.${method}`}('${first.text}')`;
        if (method !== undefined && /join$/i.test(method)) add(node, 'read', text);
        else if (method === 'into') add(node, 'write', text);
        else if (method === undefined || ['from', 'table'].includes(method)) {
          add(node, chainedMethods(node).some((name) => WRITE_METHODS.has(name)) ? 'write' : 'read', text);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return uses;
}

/** Identifiers used in a source, by name. */
function identifiersIn(fileName: string, text: string): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node)) names.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true));
  return names;
}

const sources = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts'))
  .map((file) => ({ file: file.split(path.sep).join('/'), text: readFileSync(path.join(SRC, file), 'utf8') }));

describe('reads of the hotspots table', () => {
  it('finds every way a query names the table, and tells writes from reads', () => {
    const probe = `
      const a = knex('hotspots as h').where('h.id', id).first('h.title');
      const b = trx('hotspots').where({ id }).update({ title });
      const c = knex('meetings as m').leftJoin('hotspots as h', 'h.id', 'm.hotspot_id');
      const d = knex.select('id').from('hotspots');
      async function e() { return knex.raw(\`SELECT id FROM hotspots WHERE \${x}\`); }
      const f = knex.raw('INSERT INTO hotspots (id) SELECT id FROM other');
      const g = knex.raw('DELETE FROM hotspots WHERE id = ?');
      const h = \`LEFT JOIN "hotspots" h ON h.id = i.hotspot_id\`;
      const i = trx.into('hotspots').insert(row);
      const j = knex('hotspot_events').where({ hotspot_id: id }); // another table
      const k = workbook.addWorksheet('hotspots'); // not a table
    `;
    const uses = hotspotTableUses('probe.ts', probe).map((use) => `${use.where} ${use.kind}`);
    expect(uses).toEqual([
      'a read',
      'b write',
      'c read',
      'd read',
      'e read',
      'f write',
      'g write',
      'h read',
      'i write',
    ]);
  });

  it('happen only through the seam, and writes only in the write modules', () => {
    const wrong: string[] = [];
    let seamReads = 0;
    for (const { file, text } of sources) {
      for (const use of hotspotTableUses(file, text)) {
        const at = `api/src/${file}:${use.line} (${use.where}: ${use.text})`;
        if (file === SEAM) {
          seamReads += use.kind === 'read' ? 1 : 0;
          if (use.kind === 'write') wrong.push(`${at} writes hotspots in the read seam: move it to a write module`);
        } else if (use.kind === 'write' && !(file in WRITE_MODULES)) {
          wrong.push(`${at} writes hotspots outside the write modules (${Object.keys(WRITE_MODULES).join(', ')})`);
        } else if (use.kind === 'read' && !READ_EXCEPTIONS.some((e) => e.file === file && e.where === use.where)) {
          wrong.push(`${at} reads the hotspots table: ${HOW}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    // Not vacuous: the tree was read, and the seam's own read was found.
    expect(sources.length).toBeGreaterThan(100);
    expect(seamReads).toBeGreaterThan(0);
  });

  it('keeps the named exceptions, and the making of viewers, to the files listed', () => {
    const wrong: string[] = [];
    for (const { file, text } of sources) {
      const names = identifiersIn(file, text);
      for (const [name, allowed] of Object.entries(RESTRICTED_NAMES)) {
        if (names.has(name) && !(file in allowed)) {
          wrong.push(`api/src/${file} uses ${name}, allowed only in ${Object.keys(allowed).join(', ')}`);
        }
      }
      // A viewer is made from the request (viewerOf), never cast from a value a caller chose.
      if (/\bas\s+(Viewer|ConfidentialCounts)\b/.test(text) && !['auth/visibility.ts', SEAM].includes(file)) {
        wrong.push(`api/src/${file} casts a value to a Viewer: take viewerOf(req) or actor.viewer`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
