import { describe, expect, it } from 'vitest';
import { SEVERITIES, STATUSES } from '../src/contract/enums.js';
import { EXPORT_COLUMNS, wordedValue, type ExportRow } from '../src/exports/columns.js';
import { EXPORT_WORDS, type ExportLang } from '../src/exports/words.js';
import { common } from '../../web/src/app/locales.js';
import { hotspots } from '../../web/src/hotspots/locales.js';

const LANGS: ExportLang[] = ['kk', 'ru', 'en'];
const column = (key: string) => EXPORT_COLUMNS.find((c) => c.key === key)!;
const row = (values: Partial<ExportRow>) => values as ExportRow;

/**
 * A file handed out at a meeting says what the screen says: each status and severity code, and
 * yes/no, in the export's words equals the web's word for it in every language.
 */
describe('the exports word codes as the screen does', () => {
  for (const lang of LANGS) {
    it(`words every status as the screen does, in ${lang}`, () => {
      for (const code of STATUSES) {
        const word = wordedValue(column('status'), row({ status: code }), lang);
        expect(word, code).toBe(common[lang].status[code]);
        expect(word, code).not.toBe(code);
      }
    });

    it(`words every severity as the screen does, in ${lang}`, () => {
      for (const code of SEVERITIES) {
        const word = wordedValue(column('severity'), row({ severity: code }), lang);
        expect(word, code).toBe(common[lang].severity[code]);
        expect(word, code).not.toBe(code);
      }
    });

    it(`says yes and no as the hotspot panel does, in ${lang}`, () => {
      expect(wordedValue(column('confidential'), row({ confidential: true }), lang)).toBe(hotspots[lang].panel.yes);
      expect(wordedValue(column('confidential'), row({ confidential: false }), lang)).toBe(hotspots[lang].panel.no);
    });

    it(`names no status or severity the screen does not know, in ${lang}`, () => {
      expect(Object.keys(EXPORT_WORDS[lang].status).sort()).toEqual([...STATUSES].sort());
      expect(Object.keys(EXPORT_WORDS[lang].severity).sort()).toEqual([...SEVERITIES].sort());
    });
  }
});
