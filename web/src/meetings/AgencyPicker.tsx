import { useTranslation } from 'react-i18next';
import { useAgencies } from '../api/hooks';
import { compareText } from '../i18n/i18n';
import { localName } from '../i18n/names';

/** Ticks agencies by name; the value is their codes, in the order the list shows them. */
export function AgencyPicker({
  legend,
  name,
  value,
  onChange,
}: {
  legend: string;
  name: string;
  value: string[];
  onChange: (codes: string[]) => void;
}) {
  const { i18n } = useTranslation();
  const agencies = useAgencies();
  const sorted = [...(agencies.data ?? [])]
    .filter((agency) => agency.active)
    .map((agency) => ({ code: agency.code, name: localName(agency, i18n.language) }))
    .sort((a, b) => compareText(a.name, b.name));
  function toggle(code: string, on: boolean) {
    const chosen = new Set(value);
    if (on) chosen.add(code);
    else chosen.delete(code);
    onChange(sorted.map((agency) => agency.code).filter((c) => chosen.has(c)));
  }
  return (
    <fieldset className="agency-picker" data-field={name}>
      <legend>{legend}</legend>
      {sorted.map((agency) => (
        <label key={agency.code}>
          <input
            type="checkbox"
            name={name}
            value={agency.code}
            checked={value.includes(agency.code)}
            onChange={(event) => toggle(agency.code, event.target.checked)}
          />{' '}
          {agency.name}
        </label>
      ))}
    </fieldset>
  );
}
