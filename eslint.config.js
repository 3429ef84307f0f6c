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
