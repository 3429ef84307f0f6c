import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgencies, useCategories } from '../api/hooks';
import { SEVERITIES } from '../api/types';
import { localName } from '../i18n/names';
import { templateCsv } from './template';

/** The columns with their explanation; keys written out in full so the translation test checks each. */
const COLUMNS = [
  { name: 'external_ref', help: 'imports.help.column.external_ref', required: true },
  { name: 'title', help: 'imports.help.column.title', required: true },
  { name: 'description', help: 'imports.help.column.description', required: false },
  { name: 'category', help: 'imports.help.column.category', required: true },
  { name: 'severity', help: 'imports.help.column.severity', required: true },
  { name: 'agency', help: 'imports.help.column.agency', required: false },
  { name: 'registered_on', help: 'imports.help.column.registered_on', required: false },
  { name: 'due_on', help: 'imports.help.column.due_on', required: false },
  { name: 'source', help: 'imports.help.column.source', required: false },
  { name: 'confidential', help: 'imports.help.column.confidential', required: false },
  { name: 'lon, lat | wkt', help: 'imports.help.column.place', required: true },
] as const;

function CodeTable({ caption, items }: { caption: string; items: { code: string; name: string }[] }) {
  const { t } = useTranslation();
  return (
    <table className="import-codes">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('imports.help.codes.code')}</th>
          <th scope="col">{t('imports.help.codes.name')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.code}>
            <td>
              <code>{item.code}</code>
            </td>
            <td>{item.name}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The template (made here, in the browser, from this installation's codes) and how to fill in a file. */
export function ImportHelp() {
  const { t, i18n } = useTranslation();
  const categories = useCategories();
  const agencies = useAgencies();
  const [templateUrl, setTemplateUrl] = useState<string>();

  useEffect(() => {
    const blob = new Blob([templateCsv(categories.data, agencies.data)], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    setTemplateUrl(url);
    return () => {
      URL.revokeObjectURL(url);
    };
  }, [categories.data, agencies.data]);

  // The import takes retired codes too (an old register uses them), so they are listed, marked as such.
  const named = (items: { code: string; active: boolean; name_kk: string; name_ru: string; name_en: string }[] = []) =>
    items.map((item) => ({
      code: item.code,
      name: item.active
        ? localName(item, i18n.language)
        : `${localName(item, i18n.language)} (${t('imports.help.codes.retired')})`,
    }));

  return (
    <section className="import-help" aria-labelledby="import-help-title">
      <h2 id="import-help-title">{t('imports.help.title')}</h2>
      {templateUrl && (
        <p>
          <a href={templateUrl} download="oshaq-import-template.csv" data-action="download-template">
            {t('imports.help.template')}
          </a>
        </p>
      )}
      <p>{t('imports.help.format')}</p>
      <p>{t('imports.help.dates')}</p>
      <h3>{t('imports.help.columns')}</h3>
      <ul className="import-columns">
        {COLUMNS.map((column) => (
          <li key={column.name}>
            <code>{column.name}</code> — {t(column.help)}
            {column.required && <strong> ({t('imports.help.required')})</strong>}
          </li>
        ))}
      </ul>
      {(categories.isError || agencies.isError) && <p role="alert">{t('imports.help.codes.failed')}</p>}
      <div className="import-code-tables">
        <CodeTable caption={t('imports.help.codes.categories')} items={named(categories.data)} />
        <CodeTable
          caption={t('imports.help.codes.severities')}
          items={SEVERITIES.map((code) => ({ code, name: t(`common.severity.${code}`) }))}
        />
        <CodeTable caption={t('imports.help.codes.agencies')} items={named(agencies.data)} />
      </div>
    </section>
  );
}
