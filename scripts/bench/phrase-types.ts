/**
 * Phrase templates for bench hotspots, per category code of the seeded reference data. Real
 * entries are short and concrete, and so are these. In templates `{where}` is the place phrase,
 * `{n}` a count of people, homes or items, `{d}` a number of days or incidents.
 */
export type Language = 'kk' | 'ru';

/** Parallel lists: the k-th title, detail and resolution tell one story. */
export interface CategoryPhrases {
  titles: string[];
  details: string[];
  resolutions: string[];
}

/** What every hotspot's text may draw on, whatever its category. */
export interface SharedPhrases {
  /** Why it could escalate: the second sentence of a description. */
  risks: string[];
  /** Progress reports in the history. */
  comments: string[];
  startWork: string[];
  reopen: string[];
  dismissals: string[];
}

export interface LanguagePhrases {
  categories: Record<string, CategoryPhrases>;
  shared: SharedPhrases;
}
