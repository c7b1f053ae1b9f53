// A throwaway database holding the bench dataset, migrated and scored: what the focused scripts
// (hotpath.ts, proxy.ts) start the API on.
import pg from 'pg';
import { connectPostgres } from '../src/db/client.ts';
import { rescorePeriod } from '../src/modules/scores/materialize.ts';
import { hashPassword } from '../src/modules/users/passwords.ts';
import { createDatabase } from './database.ts';
import { loadDataset, type Dataset } from './dataset.ts';

export async function scoredDatabase(prefix: string, participants: number, password: string): Promise<{ url: string; dataset: Dataset; drop: () => Promise<void> }> {
  const database = await createDatabase(prefix);
  try {
    const conn = connectPostgres(database.url, { max: 2 });
    await conn.migrate();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const dataset = await loadDataset(client, { participants, questions: 150, historyPeriods: 0 }, await hashPassword(password));
    await client.end();
    await conn.db.transaction((tx) => rescorePeriod(tx, dataset.periodId));
    await conn.close();
    return { url: database.url, dataset, drop: database.drop };
  } catch (err) {
    await database.drop();
    throw err;
  }
}
