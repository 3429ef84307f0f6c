import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgencies } from '../api/hooks';
import { describedBy, FieldProblem } from '../forms/Field';
import { compareText } from '../i18n/i18n';
import { localName } from '../i18n/names';

/**
 * Ticks agencies by name; the value is their codes, in the order the list shows them. A form gives
 * `inputRef` so that the first box takes the focus when the choice is what must be fixed.
 */
export function AgencyPicker({
  legend,
  name,
  value,
  onChange,
  problem,
  inputRef,
}: {
  legend: string;
  name: string;
  value: string[];
  onChange: (codes: string[]) => void;
  problem?: string;
  inputRef?: Ref<HTMLInputElement>;
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
    <fieldset
      className="agency-picker"
      data-field={name}
      aria-invalid={problem ? true : undefined}
      aria-describedby={describedBy(name, undefined, problem)}
    >
      <legend>{legend}</legend>
      {sorted.map((agency, index) => (
        <label key={agency.code}>
          <input
            ref={index === 0 ? inputRef : undefined}
            type="checkbox"
            name={name}
            value={agency.code}
            checked={value.includes(agency.code)}
            onChange={(event) => toggle(agency.code, event.target.checked)}
          />{' '}
          {agency.name}
        </label>
      ))}
      <FieldProblem id={name} problem={problem} />
    </fieldset>
  );
}
