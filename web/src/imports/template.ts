import { IMPORT_TEMPLATE_COLUMNS } from '@oshaq/api/contract/import-columns';
import type { Agency, Category } from '../api/types';

/** The columns of an import CSV, in the order the template writes them. */
const TEMPLATE_COLUMNS = IMPORT_TEMPLATE_COLUMNS;

/** Excel reads a CSV without this mark in the system's code page and garbles Kazakh letters. */
const BOM = '\uFEFF';

/** The example's code when the installation has it, else its first active one. */
function exampleCode(items: readonly (Category | Agency)[] | undefined, preferred: string): string {
  const active = (items ?? []).filter((item) => item.active);
  return active.find((item) => item.code === preferred)?.code ?? active[0]?.code ?? preferred;
}

function csvField(value: string): string {
  return /[",;\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A CSV of the header line and one example row in Kazakh, ready to be filled in. */
export function templateCsv(categories?: readonly Category[], agencies?: readonly Agency[]): string {
  const example: Record<(typeof TEMPLATE_COLUMNS)[number], string> = {
    external_ref: 'REG-2025-001',
    title: 'Ауыз судың жиі үзілуі',
    description: 'Шағын ауданда ауыз су аптасына бірнеше рет үзіледі, тұрғындар ұжымдық өтініш жазды.',
    category: exampleCode(categories, 'utilities'),
    severity: 'medium',
    agency: exampleCode(agencies, 'housing_utilities'),
    registered_on: '2025-11-14',
    due_on: '2026-01-15',
    source: 'Тұрғындардың ұжымдық өтініші',
    confidential: 'false',
    lon: '68.2518',
    lat: '43.2976',
  };
  const lines = [TEMPLATE_COLUMNS.join(','), TEMPLATE_COLUMNS.map((name) => csvField(example[name])).join(',')];
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
