import { HOTSPOT_FIELD_WORDS } from '../contract/field-words.js';
import type { Severity, Status } from '../contract/enums.js';
import type { HotspotListQuery } from '../contract/hotspots.js';
// The screen's words for statuses and severities, taken from the web's own locale rather than
// copied: a file handed out at a meeting then cannot say "Решён" where the map says otherwise.
// That file is plain data (no imports), which is what lets the API load it; keep it so.
import { common as SCREEN_WORDS } from '../../../web/src/app/locales.js';

export type ExportLang = 'kk' | 'ru' | 'en';

/**
 * The words of the CSV and XLSX exports: files a meeting hands out are read by people, so they
 * say what the screen says: field names from contract/field-words.ts, status and severity from the
 * web's web/src/app/locales.ts (both imported, not copied; api/test/export-words.unit.test.ts
 * checks every code against the screen's word).
 * The GeoJSON keeps the codes: it is for programs.
 */
interface ExportWords {
  sheet: string;
  title: string;
  filters: string;
  noFilters: string;
  made: string;
  sortedBy: string;
  yes: string;
  no: string;
  /** In place of the end of a text longer than an Excel cell holds; {n} is its length. */
  tooLong: string;
  columns: Record<string, string>;
  status: Record<Status, string>;
  severity: Record<Severity, string>;
  sorts: Record<HotspotListQuery['sort'], string>;
  filter: Record<
    | 'status'
    | 'category'
    | 'severity'
    | 'agency'
    | 'area'
    | 'registered'
    | 'resolved'
    | 'overdue'
    | 'overdue_instructions'
    | 'q'
    | 'bbox',
    string
  >;
}

export const EXPORT_WORDS: Record<ExportLang, ExportWords> = {
  kk: {
    sheet: 'Ошақтар',
    title: 'Ошақтар тізімі',
    filters: 'Іріктеу',
    noFilters: 'барлық ошақтар',
    made: 'Жасалған күні',
    sortedBy: 'Сұрыптау',
    yes: 'Иә',
    no: 'Жоқ',
    tooLong: '{n} таңба, Excel ұяшығына сыймайды: CSV немесе GeoJSON экспортын қараңыз',
    columns: {
      ...HOTSPOT_FIELD_WORDS.kk,
      overdue: 'Мерзімі өткен',
      lon: 'Бойлық',
      lat: 'Ендік',
      wkt: 'Геометрия (WKT)',
      created_by: 'Тіркеген',
      updated_at: 'Соңғы өзгеріс',
    },
    status: SCREEN_WORDS.kk.status,
    severity: SCREEN_WORDS.kk.severity,
    sorts: {
      '-registered_on': 'жаңалары алдымен',
      registered_on: 'ескілері алдымен',
      due_on: 'мерзімі жақын',
      '-due_on': 'мерзімі алыс',
      severity: 'маңыздылығы өсу ретімен',
      '-severity': 'маңыздылығы бойынша',
      reference: 'нөмірі бойынша',
      '-reference': 'нөмірі бойынша, кері',
      title: 'атауы бойынша (ә-б)',
      '-title': 'атауы бойынша, кері',
      updated_at: 'өзгерген уақыты бойынша',
      '-updated_at': 'соңғы өзгергендер алдымен',
    },
    filter: {
      status: 'Мәртебесі',
      category: 'Санаты',
      severity: 'Маңыздылығы',
      agency: 'Жауапты орган',
      area: 'Аумақ',
      registered: 'Тіркелген күні',
      resolved: 'Шешілген күні',
      overdue: 'Мерзімі өткен',
      overdue_instructions: 'Тапсырмасы мерзімінен кешіккен',
      q: 'Іздеу',
      bbox: 'Карта аумағы',
    },
  },
  ru: {
    sheet: 'Очаги',
    title: 'Список очагов',
    filters: 'Отбор',
    noFilters: 'все очаги',
    made: 'Дата формирования',
    sortedBy: 'Сортировка',
    yes: 'Да',
    no: 'Нет',
    tooLong: '{n} символов, больше, чем вмещает ячейка Excel: см. экспорт CSV или GeoJSON',
    columns: {
      ...HOTSPOT_FIELD_WORDS.ru,
      overdue: 'Просрочен',
      lon: 'Долгота',
      lat: 'Широта',
      wkt: 'Геометрия (WKT)',
      created_by: 'Зарегистрировал',
      updated_at: 'Последнее изменение',
    },
    status: SCREEN_WORDS.ru.status,
    severity: SCREEN_WORDS.ru.severity,
    sorts: {
      '-registered_on': 'сначала новые',
      registered_on: 'сначала старые',
      due_on: 'ближайший срок',
      '-due_on': 'дальний срок',
      severity: 'по возрастанию важности',
      '-severity': 'по важности',
      reference: 'по номеру',
      '-reference': 'по номеру, обратно',
      title: 'по названию (а-я)',
      '-title': 'по названию, обратно',
      updated_at: 'по времени изменения',
      '-updated_at': 'сначала изменённые последними',
    },
    filter: {
      status: 'Статус',
      category: 'Категория',
      severity: 'Важность',
      agency: 'Ответственный орган',
      area: 'Территория',
      registered: 'Дата регистрации',
      resolved: 'Дата решения',
      overdue: 'Просрочен',
      overdue_instructions: 'С просроченными поручениями',
      q: 'Поиск',
      bbox: 'Область карты',
    },
  },
  en: {
    sheet: 'Hotspots',
    title: 'List of hotspots',
    filters: 'Selection',
    noFilters: 'all hotspots',
    made: 'Made on',
    sortedBy: 'Sorted',
    yes: 'Yes',
    no: 'No',
    tooLong: '{n} characters, more than an Excel cell holds: see the CSV or GeoJSON export',
    columns: {
      ...HOTSPOT_FIELD_WORDS.en,
      overdue: 'Overdue',
      lon: 'Longitude',
      lat: 'Latitude',
      wkt: 'Geometry (WKT)',
      created_by: 'Registered by',
      updated_at: 'Last changed',
    },
    status: SCREEN_WORDS.en.status,
    severity: SCREEN_WORDS.en.severity,
    sorts: {
      '-registered_on': 'newest first',
      registered_on: 'oldest first',
      due_on: 'nearest deadline',
      '-due_on': 'furthest deadline',
      severity: 'least severe first',
      '-severity': 'most severe first',
      reference: 'by reference',
      '-reference': 'by reference, reversed',
      title: 'by title (a-z)',
      '-title': 'by title, reversed',
      updated_at: 'by time changed',
      '-updated_at': 'most recently changed first',
    },
    filter: {
      status: 'Status',
      category: 'Category',
      severity: 'Severity',
      agency: 'Responsible agency',
      area: 'Area',
      registered: 'Registered on',
      resolved: 'Resolved on',
      overdue: 'Overdue',
      overdue_instructions: 'With overdue instructions',
      q: 'Search',
      bbox: 'Map extent',
    },
  },
};
