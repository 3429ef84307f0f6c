import { useTranslation } from 'react-i18next';

/** The keys on screen, so whoever takes over the laptop can present without asking. */
export function KeyHints() {
  const { t } = useTranslation();
  const hints: [string, string][] = [
    ['→ ↓ PgDn', t('meeting.keys.next')],
    ['← ↑ PgUp', t('meeting.keys.previous')],
    ['Home / End', t('meeting.keys.firstLast')],
    ['F', t('meeting.keys.fullscreen')],
    ['Esc', t('meeting.keys.leave')],
  ];
  return (
    <dl className="meeting-keys" aria-label={t('meeting.keys.label')}>
      {hints.map(([keys, meaning]) => (
        <div key={keys}>
          <dt>
            <kbd>{keys}</kbd>
          </dt>
          <dd>{meaning}</dd>
        </div>
      ))}
    </dl>
  );
}
