import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { request } from '../api/client';
import { sessionKey, type Session } from '../api/hooks';
import { LANGUAGES, rememberLanguage, type Language } from '../i18n/i18n';

/** Switches at once; a signed-in person's choice is also saved on their account, so it follows them. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  async function choose(language: Language) {
    rememberLanguage(language);
    await i18n.changeLanguage(language);
    const session = client.getQueryData<Session | null>(sessionKey);
    if (session) {
      await request('/api/me', { method: 'PATCH', body: { language } }).catch(() => undefined);
      client.setQueryData(sessionKey, { ...session, user: { ...session.user, language } });
    }
  }
  return (
    <div className="language-switch" role="group" aria-label={t('common.language')}>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          aria-pressed={i18n.language === language}
          onClick={() => void choose(language)}
          title={t(`common.languages.${language}`)}
        >
          {language.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
