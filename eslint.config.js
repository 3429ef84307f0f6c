import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const TEXT_ONLY =
  'Leaflet reads a string as HTML: pass textTooltip(...) or textElement(...) from web/src/map/text-content.ts.';
const NO_HTML = 'User text reaches the DOM only as text: render it with React or set textContent.';
/** Where a string would be parsed as HTML in the web app (see the web/src rules below). */
const HTML_SINKS = [
  {
    selector:
      'CallExpression[callee.property.name=/^(bindTooltip|bindPopup|setContent|setTooltipContent|setPopupContent)$/]:not([arguments.0.callee.name=/^text(Tooltip|Element)$/])',
    message: TEXT_ONLY,
  },
  {
    selector:
      'CallExpression[callee.property.name=/^(divIcon|tooltip|popup)$/] Property[key.name=/^(html|content)$/]:not([value.callee.name=/^text(Tooltip|Element)$/])',
    message: TEXT_ONLY,
  },
  { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: NO_HTML },
  { selector: 'AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]', message: NO_HTML },
  {
    selector: 'CallExpression[callee.property.name=/^(insertAdjacentHTML|createContextualFragment)$/]',
    message: NO_HTML,
  },
  { selector: "NewExpression[callee.name='DOMParser']", message: NO_HTML },
];

const SQL_IN_REPOS =
  'Routes parse, call a service or repo and answer: SQL lives in repos and transactions in services (hand them deps.db.knex).';
/** What a route file may not do with the database itself (see the api/src/**\/*routes.ts rules below). */
const SQL_SYNTAX = [
  { selector: "CallExpression[callee.property.name='transaction']", message: SQL_IN_REPOS },
  {
    selector: 'CallExpression[callee.property.name=/^(raw|whereRaw|orderByRaw|havingRaw|joinRaw)$/]',
    message: SQL_IN_REPOS,
  },
  { selector: 'CallExpression[callee.name=/^(knex|trx|db)$/]', message: SQL_IN_REPOS },
  { selector: "CallExpression[callee.property.name='knex']", message: SQL_IN_REPOS },
];
const NO_HTTP_IN_SERVICES =
  'Services and repos know nothing of HTTP: they take values, return values and throw DomainError (api/src/errors.ts).';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'bench-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Type-aware rules where a forgotten promise does harm: an un-awaited write can fail after its
    // answer was sent, and a promise handed to a callback that ignores it loses its errors. Every file
    // here belongs to a tsconfig.json the project service finds (api/, db/, web/ and the root one for
    // scripts/); web/test is left out: web/test/unit belongs only to web/tsconfig.test.json.
    files: ['api/**/*.ts', 'db/**/*.ts', 'scripts/**/*.ts', 'web/src/**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // Strict in JSX attributes too: an async onClick's rejection is lost, so handlers catch their own.
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // Routes parse and answer; services hold the rules; repos hold SQL (DEVELOPERS.md, house style).
    files: ['api/src/**/*routes.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'knex', message: SQL_IN_REPOS },
            { name: 'knex-postgis', message: SQL_IN_REPOS },
            // The Database type to hand on is fine; opening, migrating or querying is not a route's.
            { name: '@oshaq/db', allowTypeImports: true, message: SQL_IN_REPOS },
          ],
          patterns: [
            { group: ['@oshaq/db/*'], message: SQL_IN_REPOS },
            // SQL fragments and snapshots are for repos; a type they define may be named.
            { group: ['**/sql/*', '**/sql.js', '**/filter-sql.js'], allowTypeImports: true, message: SQL_IN_REPOS },
          ],
        },
      ],
      'no-restricted-syntax': ['error', ...SQL_SYNTAX],
    },
  },
  {
    // No HTTP in services or repos: they take values, return values and throw DomainError.
    files: ['api/src/**/{service,repo}.ts', 'api/src/**/*-{service,repo}.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'express', message: NO_HTTP_IN_SERVICES }],
          patterns: [{ group: ['**/http/*'], message: NO_HTTP_IN_SERVICES }],
        },
      ],
    },
  },
  {
    files: ['web/src/**'],
    languageOptions: { globals: { ...globals.browser } },
    // Only the two classic rules: the React Compiler rules would flag patterns React itself documents.
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      // User text reaches the DOM only as text. Leaflet parses a string given to these calls as HTML
      // (a hotspot title once sent its viewers to another site), so their content must come from
      // web/src/map/text-content.ts; and nothing in the web app writes HTML strings itself.
      'no-restricted-syntax': ['error', ...HTML_SINKS],
      'no-restricted-properties': [
        'error',
        { object: 'document', property: 'write', message: 'Build DOM nodes; never write HTML strings.' },
        { object: 'document', property: 'writeln', message: 'Build DOM nodes; never write HTML strings.' },
      ],
    },
  },
);
