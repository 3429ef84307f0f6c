// @vitest-environment jsdom
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import L from 'leaflet';
import { afterEach, describe, expect, it } from 'vitest';
import { textElement, textTooltip } from '../../src/map/text-content';

const HOSTILE = [
  '<meta http-equiv="refresh" content="0;url=https://attacker.example/">',
  '<img src=x onerror="alert(1)">',
  '<a href="javascript:alert(1)" style="position:fixed;inset:0">click</a>',
  '<svg onload=alert(1)>',
  '</span><script>alert(1)</script>',
  '&lt;b&gt; stays &amp; as written',
];

describe('textTooltip', () => {
  it('keeps every hostile string as the literal text, creating no element', () => {
    for (const text of HOSTILE) {
      const element = textTooltip('AB-1 · ', text);
      expect(element.textContent).toBe(`AB-1 · ${text}`);
      expect(element.children).toHaveLength(0);
      expect(element.querySelector('*')).toBeNull();
    }
  });

  it('writes numbers and several parts in order, as one line of text', () => {
    const element = textTooltip('Әл-Фараби ауданы', ': ', 12);
    expect(element.tagName).toBe('SPAN');
    expect(element.textContent).toBe('Әл-Фараби ауданы: 12');
  });

  it('builds a div when asked, still text only', () => {
    const element = textElement('div', '<b>bold</b>');
    expect(element.tagName).toBe('DIV');
    expect(element.innerHTML).toBe('&lt;b&gt;bold&lt;/b&gt;');
  });
});

describe('Leaflet given the helper’s content', () => {
  const container = document.createElement('div');
  afterEach(() => container.remove());

  it('shows a hostile title in a tooltip as text, where the same string would have become markup', () => {
    document.body.appendChild(container);
    container.style.width = '400px';
    container.style.height = '300px';
    const map = L.map(container).setView([43.3, 68.25], 12);
    const title = '<img src=x onerror="alert(1)"><meta http-equiv="refresh" content="0;url=https://attacker.example/">';
    const marker = L.circleMarker([43.3, 68.25]).addTo(map);
    marker.bindTooltip(textTooltip('AB-1 · ', title), { permanent: true }).openTooltip();
    const tooltip = container.querySelector('.leaflet-tooltip')!;
    expect(tooltip.textContent).toBe(`AB-1 · ${title}`);
    expect(tooltip.querySelector('img, meta')).toBeNull();
    // The reason for the helper: a string is parsed.
    L.circleMarker([43.3, 68.26]).addTo(map).bindTooltip(title, { permanent: true }).openTooltip();
    expect(container.querySelector('.leaflet-tooltip img')).not.toBeNull();
    map.remove();
  });
});

describe('the lint rule that keeps HTML strings out of the web app', () => {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
  // The probe is no file on disk, so no tsconfig holds it: it is linted without type information
  // (the type-aware promise rules are off for it; the rules checked here need no types).
  const eslint = new ESLint({
    cwd: root,
    overrideConfig: {
      files: ['web/src/map/Probe.tsx'],
      languageOptions: { parserOptions: { projectService: false } },
      rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
    },
  });
  const problems = async (code: string) => {
    const [result] = await eslint.lintText(code, { filePath: path.join(root, 'web/src/map/Probe.tsx') });
    return result!.messages.filter((message) => message.ruleId?.startsWith('no-restricted')).length;
  };

  it('refuses a string, a template or any other value given to a Leaflet tooltip or popup', async () => {
    const bad = [
      'declare const layer: any; layer.bindTooltip("<b>x</b>");',
      'declare const layer: any; declare const t: string; layer.bindTooltip(`${t}: 1`, { sticky: true });',
      'declare const layer: any; declare const label: (x: unknown) => string; layer.bindTooltip(label(layer));',
      'declare const layer: any; layer.bindPopup("x");',
      'declare const popup: any; popup.setContent("x");',
      'declare const L: any; L.divIcon({ html: `<span>${1}</span>` });',
      'declare const el: any; el.innerHTML = "x";',
      'declare const el: any; el.insertAdjacentHTML("beforeend", "x");',
      'document.write("x");',
      'export const A = () => <div dangerouslySetInnerHTML={{ __html: "x" }} />;',
    ];
    for (const code of bad) expect(await problems(code), code).toBe(1);
  });

  it('accepts content built by the text helpers', async () => {
    const good = [
      'import { textTooltip, textElement } from "./text-content"; declare const layer: any; declare const L: any;' +
        ' layer.bindTooltip(textTooltip("a", ": ", 1), { sticky: true }); L.divIcon({ html: textElement("span", 3) });',
      'declare const el: any; el.textContent = "<b>x</b>";',
    ];
    for (const code of good) expect(await problems(code), code).toBe(0);
  });
});
