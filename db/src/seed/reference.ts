import type { Knex } from 'knex';
import { agencySeeds, categorySeeds } from './reference-data.js';

export interface ReferenceSeedResult {
  categoriesAdded: number;
  agenciesAdded: number;
}

/**
 * Adds the reference categories and agencies that are missing (matched by code). Existing rows
 * are left alone, so an administrator's renaming or retiring survives every restart.
 */
export async function seedReference(knex: Knex): Promise<ReferenceSeedResult> {
  const categories = await knex('categories')
    .insert(categorySeeds.map((seed, index) => ({ ...seed, sort_order: (index + 1) * 10 })))
    .onConflict('code')
    .ignore()
    .returning('id');
  const agencies = await knex('agencies').insert(agencySeeds).onConflict('code').ignore().returning('id');
  return { categoriesAdded: categories.length, agenciesAdded: agencies.length };
}
