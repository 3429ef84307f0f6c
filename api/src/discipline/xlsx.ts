import type { Response } from 'express';
import ExcelJS from 'exceljs';
import type { DisciplineReport } from '../contract/meeting-reports.js';
import { XLSX_CONTENT_TYPE } from '../http/media-types.js';

type Lang = 'kk' | 'ru' | 'en';

/** The workbook's words. Kazakh first, as the app; the agency names come from the reference data. */
const WORDS: Record<Lang, Record<string, string>> = {
  kk: {
    summary: 'Жиынтық',
    overdueSheet: 'Мерзімі өткен',
    title: 'Атқарушылық тәртіп',
    period: 'Кезең',
    asOf: 'Күйі бойынша',
    basis_due: 'орындау мерзімі кезеңге түсетін тапсырмалар',
    basis_given: 'кезеңде берілген тапсырмалар',
    agency: 'Орган',
    given: 'Берілді',
    done_on_time: 'Мерзімінде орындалды',
    done_late: 'Мерзімі бұзылып орындалды',
    overdue: 'Мерзімі өтті',
    pending: 'Орындалу үстінде',
    total: 'Барлығы',
    hidden: 'Құпия ошақтарға қатысты тапсырмалар жиынтықта ескерілген, бірақ бөлінбеген',
    due_on: 'Орындау мерзімі',
    days: 'Кешіктірілген күн',
    instruction: 'Тапсырма',
    held_on: 'Отырыс күні',
    meeting: 'Отырыс',
    hotspot: 'Ошақ',
    status: 'Күйі',
    assigned: 'Орындалуда',
    reported: 'Есеп берілді, қаралуда',
  },
  ru: {
    summary: 'Свод',
    overdueSheet: 'Просроченные',
    title: 'Исполнительская дисциплина',
    period: 'Период',
    asOf: 'По состоянию на',
    basis_due: 'поручения со сроком исполнения в периоде',
    basis_given: 'поручения, данные в периоде',
    agency: 'Орган',
    given: 'Дано',
    done_on_time: 'Исполнено в срок',
    done_late: 'Исполнено с нарушением срока',
    overdue: 'Просрочено',
    pending: 'На исполнении',
    total: 'Итого',
    hidden: 'Поручения по конфиденциальным очагам учтены в итогах, но не расписаны',
    due_on: 'Срок',
    days: 'Дней просрочки',
    instruction: 'Поручение',
    held_on: 'Дата заседания',
    meeting: 'Заседание',
    hotspot: 'Очаг',
    status: 'Состояние',
    assigned: 'На исполнении',
    reported: 'Отчёт представлен, на рассмотрении',
  },
  en: {
    summary: 'Summary',
    overdueSheet: 'Overdue',
    title: 'Executive discipline',
    period: 'Period',
    asOf: 'As of',
    basis_due: 'instructions due in the period',
    basis_given: 'instructions given in the period',
    agency: 'Agency',
    given: 'Given',
    done_on_time: 'Done on time',
    done_late: 'Done late',
    overdue: 'Overdue',
    pending: 'Pending',
    total: 'Total',
    hidden: 'Instructions about confidential hotspots are counted in the totals but not itemised',
    due_on: 'Deadline',
    days: 'Days overdue',
    instruction: 'Instruction',
    held_on: 'Meeting date',
    meeting: 'Meeting',
    hotspot: 'Hotspot',
    status: 'Status',
    assigned: 'Assigned',
    reported: 'Reported, under review',
  },
};

const COUNTS = ['given', 'done_on_time', 'done_late', 'overdue', 'pending'] as const;
const DAY = 86_400_000;
/** 'YYYY-MM-DD' as UTC midnight: exceljs writes dates in UTC, so the cell shows that day. */
const asDate = (date: string) => new Date(`${date}T00:00:00Z`);

/**
 * Streams the report as a workbook: a summary sheet (per agency, with the totals the report
 * gives) and the overdue list. The report is built before this is called, so nothing left
 * here is a request error; a failure now can only cut the download short.
 */
export async function writeDisciplineWorkbook(
  res: Response,
  report: DisciplineReport,
  lang: Lang,
  agencyNames: Map<string, string>,
): Promise<void> {
  const w = WORDS[lang];
  res.status(200).set({
    'Content-Type': XLSX_CONTENT_TYPE,
    'Content-Disposition': `attachment; filename="oshaq-discipline-${report.period.from}-${report.period.to}.xlsx"`,
    'Cache-Control': 'private, no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useStyles: true, useSharedStrings: false });
  (workbook as unknown as { zip: NodeJS.EventEmitter }).zip.on('error', () => res.destroy());
  workbook.creator = 'Oshaq';
  const name = (code: string) => agencyNames.get(code) ?? code;

  const summary = workbook.addWorksheet(w.summary as string, { views: [{ state: 'frozen', ySplit: 4 }] });
  summary.columns = [{ width: 48 }, ...COUNTS.map(() => ({ width: 16 }))];
  summary.addRow([w.title]).font = { bold: true, size: 14 };
  summary.addRow([`${w.period}: ${report.period.from} — ${report.period.to} (${w[`basis_${report.basis}`]})`]);
  summary.addRow([`${w.asOf}: ${report.as_of}`]);
  summary.addRow([w.agency, ...COUNTS.map((key) => w[key])]).font = { bold: true };
  for (const row of report.agencies) summary.addRow([name(row.agency), ...COUNTS.map((key) => row[key])]).commit();
  summary.addRow([w.total, ...COUNTS.map((key) => report.totals[key])]).font = { bold: true };
  if (report.totals.given > report.agencies.reduce((sum, row) => sum + row.given, 0)) summary.addRow([w.hidden]);
  summary.commit();

  const overdue = workbook.addWorksheet(w.overdueSheet as string, { views: [{ state: 'frozen', ySplit: 1 }] });
  overdue.columns = [
    { width: 14, style: { numFmt: 'yyyy-mm-dd' } },
    { width: 12 },
    { width: 40 },
    { width: 80 },
    { width: 14, style: { numFmt: 'yyyy-mm-dd' } },
    { width: 40 },
    { width: 40 },
    { width: 28 },
  ];
  const header = ['due_on', 'days', 'agency', 'instruction', 'held_on', 'meeting', 'hotspot', 'status'];
  overdue.addRow(header.map((key) => w[key])).font = { bold: true };
  const today = asDate(report.as_of).getTime();
  for (const item of report.overdue) {
    const hotspot = item.hotspot ? `${item.hotspot.reference} ${item.hotspot.title}` : null;
    overdue
      .addRow([
        asDate(item.due_on),
        Math.round((today - asDate(item.due_on).getTime()) / DAY),
        name(item.agency),
        item.text,
        asDate(item.meeting.held_on),
        item.meeting.title,
        hotspot,
        w[item.status] ?? item.status,
      ])
      .commit();
  }
  overdue.commit();
  await workbook.commit();
}
