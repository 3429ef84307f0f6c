import { common } from '../app/locales';
import { auth } from '../auth/locales';
import { map } from '../map/locales';
import { hotspots } from '../hotspots/locales';
import { hotspotDeletion } from '../hotspots/deletion-locales';
import { hotspotNearby } from '../hotspots/nearby-locales';
import { places } from '../hotspots/place-locales';
import { dashboard } from '../dashboard/locales';
import { meeting } from '../meeting/locales';
import { admin } from '../admin/locales';
import { meetings } from '../meetings/locales';
import { tasks } from '../tasks/locales';
import { discipline } from '../discipline/locales';
import { instructions } from '../instructions/locales';
import { imports } from '../imports/locales';
import { account } from '../account/locales';
import { problems } from '../api/problem-locales';
import { forms } from '../forms/locales';

export const LANGUAGES = ['kk', 'ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** One section per feature folder; each folder keeps its own strings in all three languages. */
export const sections = {
  common,
  auth,
  map,
  hotspots,
  hotspotDeletion,
  hotspotNearby,
  places,
  dashboard,
  meeting,
  admin,
  meetings,
  tasks,
  discipline,
  instructions,
  imports,
  account,
  problems,
  forms,
};

type Section = Record<Language, Record<string, unknown>>;

export const resources = Object.fromEntries(
  LANGUAGES.map((language) => [
    language,
    {
      translation: Object.fromEntries(
        Object.entries(sections as Record<string, Section>).map(([name, section]) => [name, section[language]]),
      ),
    },
  ]),
) as Record<Language, { translation: Record<string, unknown> }>;
