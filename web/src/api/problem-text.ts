import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './client';
import { codeWords, fieldWords, kindWords } from './problem-words';

export interface ProblemTextOptions {
  /** What to say when someone else changed the record first (409/412); each screen words its own. */
  staleKey?: string;
  /** Leave out the fields a form already shows beside their inputs. */
  withoutFields?: readonly string[];
}

/**
 * What to tell a person about a failed request, in the interface's language. Refusals that carry
 * nothing a person can act on in the API's words (not found, not allowed, server trouble, too many
 * attempts) are the app's own sentences; a 400 names each field at fault with the words for its
 * code (problem-words.ts), the API's English only for a code this build does not know.
 */
export function useProblemText(): (error: unknown, options?: ProblemTextOptions) => string {
  const { t } = useTranslation();
  return useCallback(
    (error: unknown, options: ProblemTextOptions = {}) => {
      if (!(error instanceof ApiError)) return t('common.errors.network');
      const { status } = error;
      // A finer code of the problem as a whole (a deletion too old to undo, the limit a body broke).
      const coded = codeWords(error.body, t);
      if (status === 403) return t('common.errors.forbidden');
      if (status === 404) return t('common.errors.notFound');
      if (status === 409 || status === 412) return coded ?? t(options.staleKey ?? 'common.errors.stale');
      if (status === 413) return coded ?? t('common.errors.tooLarge');
      if (status === 429) return coded ?? t('common.errors.tooMany');
      if (status >= 500) return t('common.errors.server');
      const fields = error.fields
        .filter(
          (field) => !options.withoutFields?.some((name) => field.field === name || field.field.startsWith(`${name}.`)),
        )
        .map((field) => `${field.field}: ${fieldWords(field, t) ?? field.message}`)
        .join('; ');
      return t('common.errors.generic', {
        // Fields shown beside their inputs (or none named): the kind of problem, in the person's words.
        detail: fields || coded || kindWords(error.body.type, t) || error.detail || error.title,
      });
    },
    [t],
  );
}
