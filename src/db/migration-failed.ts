// A migration that cannot apply, explained: which one, what PostgreSQL said, and that nothing was
// changed. drizzle applies every pending migration in one transaction (PgDialect.migrate), so a
// failure rolls back the ones before it too and the database stays as the previous version left it.
import fs from 'node:fs';
import path from 'node:path';
import { readMigrationFiles } from 'drizzle-orm/migrator';

export class MigrationFailed extends Error {}

type ErrorLike = { message?: string; query?: unknown; code?: unknown; cause?: unknown };

function causes(err: unknown): ErrorLike[] {
  const chain: ErrorLike[] = [];
  for (let e = err; e && typeof e === 'object' && chain.length < 5; e = (e as ErrorLike).cause) chain.push(e);
  return chain;
}

/**
 * Runs `migrate`; a statement of one of the migrations in `folder` that fails becomes a
 * MigrationFailed naming that migration. Anything else (the database does not answer) is rethrown.
 */
export async function migrateOrExplain(migrate: () => Promise<void>, folder: string): Promise<void> {
  try {
    await migrate();
  } catch (err) {
    const chain = causes(err);
    const query = chain.find((e) => typeof e.query === 'string')?.query as string | undefined;
    if (query === undefined) throw err;
    const tags = (JSON.parse(fs.readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] }).entries.map((e) => e.tag);
    const index = readMigrationFiles({ migrationsFolder: folder }).findIndex((m) => m.sql.some((statement) => statement.trim() === query.trim()));
    const tag = tags[index];
    if (tag === undefined) throw err;
    const reason = chain.find((e) => typeof e.code === 'string')?.message ?? chain.at(-1)?.message ?? String(err);
    throw new MigrationFailed(`migration ${tag} (migrations/${tag}.sql) cannot be applied: ${reason}. Nothing was changed: `
      + 'the pending migrations run in one transaction, which was rolled back. Fix what the migration conflicts with (or restore the previous version) and start again.', { cause: err });
  }
}
