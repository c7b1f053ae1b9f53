// Benchmark: rescorePeriod on 5,000 participants × 150 answers (issue 6 goal: ≤ 5 s), against a
// PostgreSQL server. Run with
//   [BENCH_DATABASE_URL=postgres://…] npx tsx bench/rescore.ts [participants] [questions]
// It creates a throwaway database, loads the bench dataset (bench/dataset.ts) and times a full
// rescore (every row written), a rescore with nothing changed, and a single-participant rescore.
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { createDatabase } from './database.ts';
import { loadDataset } from './dataset.ts';
import { connectPostgres } from '../src/db/client.ts';
import { participants } from '../src/db/schema.ts';
import { rescoreParticipant, rescorePeriod } from '../src/modules/scores/materialize.ts';
import { eq, sql } from 'drizzle-orm';
import { must, one } from '../src/must.ts';

const count = Number(process.argv[2] ?? 5000);
const questions = Number(process.argv[3] ?? 150);

const throwaway = await createDatabase('kip_bench');
const url = throwaway.url;
const database = connectPostgres(url, { max: 2 });
try {
  await database.migrate();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const t0 = performance.now();
  const dataset = await loadDataset(client, { participants: count, questions, historyPeriods: 0 }, 'x');
  await client.query('ANALYZE');
  await client.end();
  console.log(`dataset: ${count} participants × ${questions} answers loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // Wall time depends on what else the machine runs; CPU time of this process and of the database
  // backend serving the transaction (read from /proc, same machine) does not, so both are shown.
  const backendCpu = async (pid: number) => {
    try {
      const fields = must((await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1], 'the fields of /proc/<pid>/stat').split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, in ms at 100 ticks/s
    } catch {
      return Number.NaN;
    }
  };
  const time = async (label: string, fn: (tx: Parameters<Parameters<typeof database.db.transaction>[0]>[0]) => Promise<unknown>) => {
    await database.db.transaction(async (tx) => {
      const backend = await tx.execute(sql`select pg_backend_pid() as pid`);
      const { pid } = one((backend as { rows: { pid: number }[] }).rows, 'the backend pid');
      const db0 = await backendCpu(pid);
      const cpu0 = process.cpuUsage();
      const start = performance.now();
      const result = await fn(tx);
      const wall = performance.now() - start;
      const cpu = process.cpuUsage(cpu0);
      const dbCpu = (await backendCpu(pid)) - db0;
      console.log(`${label}: ${wall.toFixed(0)} ms wall; CPU: node ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms, postgres ${dbCpu.toFixed(0)} ms`, result ?? '');
    });
  };
  console.log(`load average before: ${(await readFile('/proc/loadavg', 'utf8')).split(' ').slice(0, 3).join(' ')}`);
  await time('rescorePeriod, every row changed (cold)', (tx) => rescorePeriod(tx, dataset.periodId));
  for (let i = 0; i < 3; i++) await time('rescorePeriod, nothing changed', (tx) => rescorePeriod(tx, dataset.periodId));
  for (let i = 0; i < 3; i++) {
    await database.db.execute(sql`update participants set final_score = null where period_id = ${dataset.periodId}`);
    await time('rescorePeriod, every row changed', (tx) => rescorePeriod(tx, dataset.periodId));
  }
  console.log(`load average after: ${(await readFile('/proc/loadavg', 'utf8')).split(' ').slice(0, 3).join(' ')}`);
  const sample = one(await database.db.select({ id: participants.id }).from(participants).where(eq(participants.periodId, dataset.periodId)).limit(1), 'a participant');
  await time('rescoreParticipant (one of them)', async (tx) => {
    await tx.execute(sql`update participants set final_score = null where id = ${sample.id}`);
    await rescoreParticipant(tx, sample.id);
  });
} finally {
  await database.close();
  await throwaway.drop();
}
