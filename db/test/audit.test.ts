import { expect, it } from 'vitest';
import { describeOnEachDatabase } from '../src/testing/index.js';

describeOnEachDatabase('audit trail in the database', (db) => {
  it('accepts new rows but refuses to update, delete or truncate them, whoever asks', async () => {
    const knex = db().knex;
    const [row] = await knex('audit_log')
      .insert({
        actor: 'admin',
        action: 'hotspot.create',
        entity: 'hotspot',
        entity_id: 'x',
        after: JSON.stringify({ a: 1 }),
      })
      .returning('id');
    const id = (row as { id: number }).id;
    await expect(knex('audit_log').where({ id }).update({ actor: 'someone else' })).rejects.toThrow(
      /append-only: UPDATE/,
    );
    await expect(knex('audit_log').where({ id }).delete()).rejects.toThrow(/append-only: DELETE/);
    await expect(knex.raw('TRUNCATE audit_log')).rejects.toThrow(/append-only: TRUNCATE/);
    expect(await knex('audit_log').where({ id }).first('actor')).toEqual({ actor: 'admin' });
  });

  it('refuses an akimat account without an agency', async () => {
    await expect(
      db().knex('users').insert({ login: 'akimat1', full_name: 'А. Омарова', role: 'akimat', password_hash: 'x' }),
    ).rejects.toMatchObject({ constraint: 'users_akimat_has_agency' });
  });
});
