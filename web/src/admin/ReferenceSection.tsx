import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgencies, useCategories } from '../api/hooks';
import type { Category } from '../api/types';
import { localName } from '../i18n/names';
import { usePatchReference, type ReferenceItem, type ReferenceKind } from './api';
import { ProblemAlert } from './Problem';
import { ReferenceForm } from './ReferenceForm';

const TEXT = {
  categories: {
    title: 'admin.categories.title',
    hint: 'admin.categories.hint',
    new: 'admin.categories.new',
    count: 'admin.categories.count',
  },
  agencies: {
    title: 'admin.agencies.title',
    hint: 'admin.agencies.hint',
    new: 'admin.agencies.new',
    count: 'admin.agencies.count',
  },
} as const;

/**
 * Categories or agencies in the order the rest of the app shows them (categories by their display
 * order, agencies alphabetically in Kazakh, both as the API sends them). Retired ones stay listed:
 * hotspots keep them, and they can be restored.
 */
export function ReferenceSection({ kind }: { kind: ReferenceKind }) {
  const { t, i18n } = useTranslation();
  const categories = useCategories();
  const agencies = useAgencies();
  const list = kind === 'categories' ? categories : agencies;
  const toggle = usePatchReference(kind);
  const [form, setForm] = useState<{ item?: ReferenceItem } | undefined>();
  const [notice, setNotice] = useState<string>();
  const isCategory = kind === 'categories';
  const text = TEXT[kind];
  const items: ReferenceItem[] = list.data ?? [];
  const name = (item: ReferenceItem) => localName(item, i18n.language);

  async function setActive(item: ReferenceItem, active: boolean) {
    setNotice(undefined);
    const done = await toggle
      .mutateAsync({ code: item.code, version: item.version, patch: { active } })
      .catch(() => undefined);
    if (done) setNotice(t(active ? 'admin.reference.restored' : 'admin.reference.retiredDone', { name: name(done) }));
  }

  return (
    <section className="admin-section" aria-labelledby={`${kind}-title`}>
      <div className="admin-section-head">
        <h2 id={`${kind}-title`}>{t(text.title)}</h2>
        {!form && (
          <button
            type="button"
            className="primary"
            data-action={`new-${kind}`}
            onClick={() => {
              setNotice(undefined);
              setForm({});
            }}
          >
            {t(text.new)}
          </button>
        )}
      </div>
      <p className="hint">{t(text.hint)}</p>
      {notice && (
        <p role="status" className="admin-notice">
          {notice}
        </p>
      )}
      {form && (
        <ReferenceForm
          key={form.item?.code ?? 'new'}
          kind={kind}
          item={form.item}
          onCancel={() => setForm(undefined)}
          onDone={(item) => {
            setForm(undefined);
            setNotice(t('admin.reference.saved', { name: name(item) }));
          }}
        />
      )}
      <ProblemAlert error={toggle.error} />
      {list.isPending && <p className="loading">{t('common.loading')}</p>}
      <ProblemAlert error={list.error} />
      {list.data && (
        <div className="admin-table-wrap">
          <table className="admin-table" data-testid={isCategory ? 'categories-table' : 'agencies-table'}>
            <caption>{t(text.count, { count: items.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.reference.code')}</th>
                <th scope="col">{t('admin.reference.name_kk')}</th>
                <th scope="col">{t('admin.reference.name_ru')}</th>
                <th scope="col">{t('admin.reference.name_en')}</th>
                {isCategory && <th scope="col">{t('admin.reference.colour')}</th>}
                {isCategory && <th scope="col">{t('admin.reference.sort_order')}</th>}
                <th scope="col">{t('admin.reference.status')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('admin.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.code} data-code={item.code} className={item.active ? undefined : 'inactive'}>
                  <th scope="row" className="code">
                    <code>{item.code}</code>
                  </th>
                  <td lang="kk">{item.name_kk}</td>
                  <td lang="ru">{item.name_ru}</td>
                  <td lang="en">{item.name_en}</td>
                  {isCategory && (
                    <td>
                      <span
                        className="admin-swatch"
                        style={{ background: (item as Category).colour }}
                        aria-hidden="true"
                      />
                      <code>{(item as Category).colour}</code>
                    </td>
                  )}
                  {isCategory && <td className="number">{(item as Category).sort_order}</td>}
                  <td>{item.active ? t('admin.reference.active') : t('admin.reference.retired')}</td>
                  <td className="admin-row-actions">
                    <button
                      type="button"
                      data-action="edit"
                      aria-label={t('admin.reference.editOne', { name: name(item) })}
                      onClick={() => {
                        setNotice(undefined);
                        setForm({ item });
                      }}
                    >
                      {t('admin.edit')}
                    </button>
                    <button
                      type="button"
                      data-action={item.active ? 'retire' : 'restore'}
                      disabled={toggle.isPending}
                      aria-label={t(item.active ? 'admin.reference.retireOne' : 'admin.reference.restoreOne', {
                        name: name(item),
                      })}
                      onClick={() => void setActive(item, !item.active)}
                    >
                      {item.active ? t('admin.reference.retire') : t('admin.reference.restore')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
