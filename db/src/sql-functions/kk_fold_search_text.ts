import type { SqlFunction } from './index.js';

/** The transaction setting by which a writer says it folded the search text itself (see below). */
export const SEARCH_TEXT_FOLDED_SETTING = 'oshaq.search_text_folded';

/**
 * Keeps hotspots.search_text equal to kk_fold(reference || ' ' || title || ' ' || description)
 * (migration 0023; it was a generated column, migration 0019). Runs after hotspots_before_write
 * (triggers of a kind fire by name), so a reference that trigger assigns is in the text.
 *
 * An insert's text is folded here unless the writing transaction set SEARCH_TEXT_FOLDED_SETTING
 * to 'on' and the row brings a text: an import folds in Node (api/src/imports/fold.ts, proven
 * equal to kk_fold by a property test on both databases), because translate() over ~200 Cyrillic
 * characters costs ~0.1–0.25 ms a row, the largest per-row cost of a 100,000-row import (issue 14).
 * Any other insert, and every update that changes the reference, title, description or the text
 * itself, is folded here, so a writer cannot leave a text that does not match its row.
 */
export const kkFoldSearchText: SqlFunction = {
  signature: 'kk_fold_search_text()',
  statement: `CREATE OR REPLACE FUNCTION kk_fold_search_text() RETURNS trigger
  LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'INSERT' THEN
      IF NEW.search_text IS NULL
         OR current_setting('${SEARCH_TEXT_FOLDED_SETTING}', true) IS DISTINCT FROM 'on' THEN
        NEW.search_text := kk_fold(NEW.reference || ' ' || NEW.title || ' ' || NEW.description);
      END IF;
    ELSIF NEW.reference IS DISTINCT FROM OLD.reference OR NEW.title IS DISTINCT FROM OLD.title
          OR NEW.description IS DISTINCT FROM OLD.description
          OR NEW.search_text IS DISTINCT FROM OLD.search_text THEN
      NEW.search_text := kk_fold(NEW.reference || ' ' || NEW.title || ' ' || NEW.description);
    END IF;
    RETURN NEW;
  END $$`,
};
