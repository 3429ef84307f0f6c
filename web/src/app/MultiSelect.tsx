import { useRef, type KeyboardEvent } from 'react';

/**
 * A compact multiple choice: a summary saying what is chosen (`allLabel` when nothing is), opening
 * on a list of ticks; Escape closes it again. The map's filter bar and the instructions list use it.
 */
export function MultiSelect({
  label,
  name,
  options,
  value,
  onChange,
  allLabel,
}: {
  label: string;
  name: string;
  allLabel: string;
  options: { value: string; label: string }[];
  value: string[];
  onChange: (next: string[]) => void;
}) {
  const details = useRef<HTMLDetailsElement>(null);
  const chosen = options.filter((option) => value.includes(option.value)).map((option) => option.label);
  const summary = chosen.length ? chosen.join(', ') : allLabel;

  function toggle(option: string, on: boolean) {
    const next = new Set(value);
    if (on) next.add(option);
    else next.delete(option);
    // In the order the options are shown, so the URL does not depend on the order of the clicks.
    onChange(options.map((item) => item.value).filter((item) => next.has(item)));
  }

  function closeOnEscape(event: KeyboardEvent<HTMLDetailsElement>) {
    if (event.key !== 'Escape' || !details.current?.open) return;
    details.current.open = false;
    details.current.querySelector('summary')?.focus();
  }

  return (
    <details className="filter multi" data-filter={name} ref={details} onKeyDown={closeOnEscape}>
      <summary title={`${label}: ${summary}`}>
        {label}: <span className="chosen">{summary}</span>
      </summary>
      <fieldset>
        <legend className="visually-hidden">{label}</legend>
        {options.map((option) => (
          <label key={option.value}>
            <input
              type="checkbox"
              name={name}
              value={option.value}
              checked={value.includes(option.value)}
              onChange={(event) => toggle(option.value, event.target.checked)}
            />
            {option.label}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
