// `kip-monev migrate`: apply the committed migrations to DATABASE_URL (or the embedded database).
import { loadConfig } from '../config.ts';
import { connect } from '../db/client.ts';
import { MigrationFailed } from '../db/migration-failed.ts';

export async function run(argv: string[]): Promise<number> {
  if (argv.includes('--help')) {
    console.log('Usage: kip-monev migrate\nApplies migrations/ to DATABASE_URL, or to the embedded database in DATA_DIR.');
    return 0;
  }
  const config = loadConfig();
  const database = connect(config);
  try {
    await database.migrate();
  } catch (err) {
    if (!(err instanceof MigrationFailed)) throw err;
    console.error(`kip-monev migrate: ${err.message}`);
    return 1;
  } finally {
    await database.close();
  }
  console.log(`migrated the ${database.kind === 'postgres' ? 'PostgreSQL database at DATABASE_URL' : `embedded database in ${config.dataDir}`}`);
  return 0;
}
