/** Inputs the account forms share: role, agency and language pickers. */
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgencies } from '../api/hooks';
import { ROLES, type Role } from '../api/types';
import { compareText, LANGUAGES, type Language } from '../i18n/i18n';
import { localName } from '../i18n/names';

interface SelectProps<T extends string> {
  id: string;
  value: T;
  onChange: (value: T) => void;
  disabled?: boolean;
  describedBy?: string;
  /** For the form to put the focus here when this is what must be fixed. */
  selectRef?: Ref<HTMLSelectElement>;
}

export function RoleSelect({ id, value, onChange, disabled, describedBy }: SelectProps<Role>) {
  const { t } = useTranslation();
  return (
    <select
      id={id}
      name="role"
      value={value}
      disabled={disabled}
      aria-describedby={describedBy}
      onChange={(event) => onChange(event.target.value as Role)}
    >
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {t(`common.role.${role}`)}
        </option>
      ))}
    </select>
  );
}

export function LanguageSelect({ id, value, onChange, disabled, describedBy }: SelectProps<Language>) {
  const { t } = useTranslation();
  return (
    <select
      id={id}
      name="language"
      value={value}
      disabled={disabled}
      aria-describedby={describedBy}
      onChange={(event) => onChange(event.target.value as Language)}
    >
      {LANGUAGES.map((language) => (
        <option key={language} value={language} lang={language}>
          {t(`common.languages.${language}`)}
        </option>
      ))}
    </select>
  );
}

/**
 * Agencies in Kazakh alphabetical order of the names shown. Retired agencies are not offered for
 * new assignments, but an account that already belongs to one keeps it visible and selected.
 */
export function AgencySelect({
  id,
  value,
  onChange,
  disabled,
  describedBy,
  invalid,
  selectRef,
}: SelectProps<string> & { invalid?: boolean }) {
  const { t, i18n } = useTranslation();
  const agencies = useAgencies();
  const options = (agencies.data ?? [])
    .filter((agency) => agency.active || agency.code === value)
    .map((agency) => ({
      code: agency.code,
      label: agency.active
        ? localName(agency, i18n.language)
        : t('admin.retiredName', { name: localName(agency, i18n.language) }),
    }))
    .sort((a, b) => compareText(a.label, b.label));
  return (
    <select
      ref={selectRef}
      id={id}
      name="agency"
      value={value}
      required
      disabled={disabled || agencies.isPending}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      onChange={(event) => onChange(event.target.value)}
    >
      <option value="">{agencies.isPending ? t('common.loading') : t('admin.userForm.chooseAgency')}</option>
      {options.map((option) => (
        <option key={option.code} value={option.code}>
          {option.label}
        </option>
      ))}
    </select>
  );
}
