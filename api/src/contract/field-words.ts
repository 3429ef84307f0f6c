/**
 * The names of a hotspot's fields in the three languages: one definition for the exports' column
 * headers (api/src/exports/words.ts), the hotspot form and panel (web/src/hotspots/locales.ts) and the
 * audit page (web/src/admin/audit-locales.ts). A screen that words a field differently (a form's
 * shorter label) overrides that one word where it spreads these.
 */
export const HOTSPOT_FIELD_WORDS = {
  kk: {
    reference: 'Тіркеу нөмірі',
    title: 'Атауы',
    description: 'Сипаттамасы',
    category: 'Санаты',
    severity: 'Маңыздылығы',
    status: 'Мәртебесі',
    agency: 'Жауапты орган',
    area: 'Аумақ',
    registered_on: 'Тіркелген күні',
    due_on: 'Мерзімі',
    resolved_on: 'Шешілген күні',
    resolution_note: 'Шешім туралы ескертпе',
    source: 'Дереккөз',
    confidential: 'Құпия',
    geometry: 'Орны',
  },
  ru: {
    reference: 'Регистрационный номер',
    title: 'Название',
    description: 'Описание',
    category: 'Категория',
    severity: 'Важность',
    status: 'Статус',
    agency: 'Ответственный орган',
    area: 'Территория',
    registered_on: 'Дата регистрации',
    due_on: 'Срок',
    resolved_on: 'Дата решения',
    resolution_note: 'Примечание о решении',
    source: 'Источник',
    confidential: 'Конфиденциально',
    geometry: 'Местоположение',
  },
  en: {
    reference: 'Reference',
    title: 'Title',
    description: 'Description',
    category: 'Category',
    severity: 'Severity',
    status: 'Status',
    agency: 'Responsible agency',
    area: 'Area',
    registered_on: 'Registered on',
    due_on: 'Due on',
    resolved_on: 'Resolved on',
    resolution_note: 'Resolution note',
    source: 'Source',
    confidential: 'Confidential',
    geometry: 'Location',
  },
} as const;
