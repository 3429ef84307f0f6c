import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlaceSuggestion } from '@oshaq/api/contract/places';
import { formatNumber } from '../i18n/i18n';
import { localName } from '../i18n/names';
import { COORDINATES_MAX_LENGTH, readCoordinates, type CoordinateProblem } from './coordinates';
import { usePlaceSearch } from './usePlaceSearch';
import './place-entry.css';

/** What a person chose: a point to place (typed coordinates or a settlement), or an area to show. */
export type PlaceChoice =
  | { kind: 'point'; lon: number; lat: number; name: string }
  | { kind: 'area'; bbox: [number, number, number, number]; name: string };

interface Option {
  key: string;
  label: string;
  detail: string;
  choice: PlaceChoice;
}

const PROBLEM_KEYS: Record<CoordinateProblem, string> = {
  too_long: 'places.problems.too_long',
  format: 'places.problems.format',
  out_of_range: 'places.problems.out_of_range',
  minutes_seconds: 'places.problems.minutes_seconds',
  hemispheres: 'places.problems.hemispheres',
};

const KIND_KEYS: Record<PlaceSuggestion['kind'], string> = {
  city: 'places.kinds.city',
  town: 'places.kinds.town',
  village: 'places.kinds.village',
  hamlet: 'places.kinds.hamlet',
  isolated_dwelling: 'places.kinds.isolated_dwelling',
  country: 'places.kinds.country',
  region: 'places.kinds.region',
  district: 'places.kinds.district',
  city_district: 'places.kinds.city_district',
  rural_district: 'places.kinds.rural_district',
  settlement: 'places.kinds.settlement',
};

const degrees = (value: number) => value.toFixed(5);

/**
 * A location by keyboard: coordinates typed or pasted (read by coordinates.ts), or a settlement or
 * area chosen by name from suggestions (an ARIA 1.2 combobox: arrows move through the list, Enter
 * chooses, Escape closes). Enter never submits the surrounding form. Everything shown is text.
 */
export function PlaceEntry({ onPlace }: { onPlace: (choice: PlaceChoice) => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const id = useId();
  const inputId = `${id}-input`;
  const listId = `${id}-list`;
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [announcement, setAnnouncement] = useState('');
  const reading = useMemo(() => readCoordinates(text), [text]);
  const search = usePlaceSearch(reading.kind === 'text' && open ? text.trim() : '');
  const list = useRef<HTMLUListElement>(null);

  const options: Option[] = useMemo(() => {
    if (reading.kind === 'point') {
      const label = t('places.entry.coordinates', { lat: degrees(reading.lat), lon: degrees(reading.lon) });
      return [
        {
          key: 'coordinates',
          label,
          detail: t('places.entry.useCoordinates'),
          choice: { kind: 'point', lat: reading.lat, lon: reading.lon, name: label },
        },
      ];
    }
    if (reading.kind !== 'text') return [];
    return (search.data?.items ?? []).map((item) => {
      const name = localName(item, language);
      const parts = [t(KIND_KEYS[item.kind])];
      if (item.area) parts.push(localName(item.area, language));
      if (item.population) parts.push(t('places.entry.population', { number: formatNumber(item.population) }));
      return {
        key: `${item.type}-${item.id}`,
        label: name,
        detail: parts.join(' · '),
        choice:
          item.type === 'area'
            ? { kind: 'area', bbox: item.bbox, name }
            : { kind: 'point', lon: item.lon, lat: item.lat, name },
      };
    });
  }, [reading, search.data, language, t]);

  const expanded = open && options.length > 0;
  const optionId = (index: number) => `${id}-option-${index}`;

  useEffect(() => {
    if (active < 0) return;
    list.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView?.({ block: 'nearest' });
  }, [active]);

  const choose = (option: Option) => {
    onPlace(option.choice);
    setOpen(false);
    setActive(-1);
    setAnnouncement(
      option.choice.kind === 'point'
        ? t('places.entry.placed', { name: option.label })
        : t('places.entry.areaShown', { name: option.label }),
    );
    if (option.choice.kind !== 'point' || option.key !== 'coordinates') setText(option.label);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      if (options.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) =>
        current < 0 ? (step > 0 ? 0 : options.length - 1) : (current + step + options.length) % options.length,
      );
    } else if (event.key === 'Enter') {
      // The entry chooses a place; it never sends the hotspot form around it.
      event.preventDefault();
      const option = options[active >= 0 ? active : 0];
      if (option && (expanded || reading.kind === 'point')) choose(option);
    } else if (event.key === 'Escape' && expanded) {
      event.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  };

  const problem =
    reading.kind === 'invalid' ? t(PROBLEM_KEYS[reading.problem], { max: COORDINATES_MAX_LENGTH }) : undefined;
  const status =
    reading.kind === 'text' && open && text.trim() !== ''
      ? search.pending
        ? t('places.entry.searching')
        : search.isError
          ? t('places.entry.failed')
          : options.length === 0
            ? t('places.entry.noMatches')
            : ''
      : reading.kind === 'point' && reading.ambiguous
        ? t('places.entry.ambiguous')
        : '';

  return (
    <div className="place-entry field">
      <label htmlFor={inputId}>{t('places.entry.label')}</label>
      <div className="place-combo">
        <input
          id={inputId}
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          maxLength={COORDINATES_MAX_LENGTH}
          aria-expanded={expanded}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
          aria-invalid={problem ? true : undefined}
          aria-describedby={`${id}-hint${problem ? ` ${id}-error` : ''}`}
          value={text}
          data-testid="place-entry"
          onChange={(event) => {
            setText(event.target.value);
            setOpen(true);
            setActive(-1);
            setAnnouncement('');
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
        />
        <ul
          id={listId}
          role="listbox"
          ref={list}
          className="place-options"
          hidden={!expanded}
          aria-label={t('places.entry.label')}
        >
          {options.map((option, index) => (
            <li
              key={option.key}
              id={optionId(index)}
              role="option"
              data-index={index}
              aria-selected={index === active}
              // Keeps the focus in the field, so the click chooses and the list can close on blur.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(option)}
            >
              <span className="place-name">{option.label}</span>
              <span className="place-detail">{option.detail}</span>
            </li>
          ))}
        </ul>
      </div>
      <span className="hint" id={`${id}-hint`}>
        {status || t('places.entry.hint')}
      </span>
      {problem && (
        <span className="field-error" id={`${id}-error`} role="alert">
          {problem}
        </span>
      )}
      <span className="visually-hidden" role="status" data-testid="place-entry-status">
        {announcement}
      </span>
    </div>
  );
}
