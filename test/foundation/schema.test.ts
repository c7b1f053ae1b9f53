// Rules about the schema itself (docs/architecture.md "Where a new area goes"), checked on the migrated database.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const rows = async <T>(query: ReturnType<typeof sql>) => ((await t.database.db.execute(query)) as { rows: T[] }).rows;

it('has an index leading with the columns of every foreign key', async () => {
  const unindexed = await rows<{ constraint: string }>(sql`
    select c.conrelid::regclass || '.' || c.conname as constraint
    from pg_constraint c
    where c.contype = 'f' and c.connamespace = 'public'::regnamespace
      and not exists (
        select 1 from pg_index i
        where i.indrelid = c.conrelid
          and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] @> c.conkey
          and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] <@ c.conkey)
    order by 1`);
  expect(unindexed.map((r) => r.constraint)).toEqual([]);
});

it('stores scores and weights as numeric, never as floating point', async () => {
  const floats = await rows<{ col: string }>(sql`
    select table_name || '.' || column_name as col from information_schema.columns
    where table_schema = 'public' and data_type in ('real', 'double precision') order by 1`);
  expect(floats.map((r) => r.col)).toEqual([]);
});
