import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
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

/** What to tell a person about a failed change: someone else's newer change, or the API's own words. */
export function useExplain(): (error: unknown) => string {
  const { t } = useTranslation();
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError && error.status === 412) return t('meetings.errors.stale');
      if (error instanceof ApiError && error.status === 403) return t('common.errors.forbidden');
      if (error instanceof ApiError) {
        const fields = error.fields.map((field) => `${field.field}: ${field.message}`).join('; ');
        return fields || error.detail || error.title;
      }
      return t('common.errors.network');
    },
    [t],
  );
}
