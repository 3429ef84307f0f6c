import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useProblemText } from '../api/problem-text';
import { useAgencies } from '../api/hooks';
import { localName } from '../i18n/names';

/** An agency's name in the interface's language; its code until the list has loaded. */
export function useAgencyName(): (code: string) => string {
  const { i18n } = useTranslation();
  const agencies = useAgencies();
  const language = i18n.language;
  return useCallback(
    (code: string) =>
      localName(
        agencies.data?.find((agency) => agency.code === code),
        language,
      ) || code,
    [agencies.data, language],
  );
}

/** What to tell a person about a failed change on the meeting screens. */
export function useExplain(): (error: unknown) => string {
  const problemText = useProblemText();
  return useCallback((error: unknown) => problemText(error, { staleKey: 'meetings.errors.stale' }), [problemText]);
}
