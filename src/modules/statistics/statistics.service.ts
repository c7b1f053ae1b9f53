// Statistics across the periods of my commission, for dashboards: how the results moved from year
// to year (trends) and how bodies moved between bands from one period to another (migration).
// Both read the published result sets — the official numbers a commission compares — and trends
// fall back to the live scores of a period with nothing published yet, saying so in `source`.
// The arithmetic is the per-period statistics' (results `scoreSummary`).
import type { Db } from '../../db/client.ts';
import type { RequestContext } from '../../http/context.ts';
import { invalid, notFound } from '../../http/problems.ts';
import { findCategory } from '../categories/categories.repo.ts';
import { loadPeriod, periodsOfYears, type Period } from '../periods/index.ts';
import { countsInBand, periodOutcomes, publishedOutcomes, scoreSummary, type Outcome } from '../results/index.ts';
import type { MigrationQuery, TrendsQuery } from './statistics.schemas.ts';
import { t } from '../../i18n/message.ts';

export async function trends(db: Db, c: RequestContext, query: TrendsQuery) {
  if (query.from !== undefined && query.to !== undefined && query.from > query.to) {
    throw invalid(t`The range ends (${query.to}) before it starts (${query.from})`, [{ path: 'querystring.to', message: t`must not be before from` }]);
  }
  if (query.categoryId !== undefined && !(await findCategory(db, c.commissionId, query.categoryId))) throw notFound(t`Category`);
  const items = [];
  // one period after the other: each may read many rows, and the pool serves other requests too
  for (const period of await periodsOfYears(db, c.commissionId, query)) {
    const outcomes = await periodOutcomes(db, period);
    if (query.publishedOnly && outcomes.source !== 'published') continue;
    const rows = query.categoryId === undefined ? outcomes.rows : outcomes.rows.filter((r) => r.categoryId === query.categoryId);
    const summary = scoreSummary(rows, period.bands);
    items.push({
      periodId: period.id,
      year: period.year,
      title: period.title,
      source: outcomes.source,
      version: outcomes.version,
      participants: summary.participants,
      scored: summary.scored,
      bands: Object.fromEntries(summary.bands.map((b) => [b.code, b.count])),
      mean: summary.finalScore.mean,
      median: summary.finalScore.median,
    });
  }
  return { categoryId: query.categoryId ?? null, items };
}

/** A period's published outcomes, or 422 naming the query parameter that named it. */
async function published(db: Db, period: Period, param: 'from' | 'to') {
  const outcomes = await publishedOutcomes(db, period);
  if (!outcomes) throw invalid(t`Period "${period.title}" has no published result set to compare`, [{ path: `querystring.${param}`, message: t`has no published result set` }]);
  return outcomes;
}

/** The band an outcome counts in (docs/scoring.md §5: never a provisional one's). */
const bandOf = (row: Outcome) => (countsInBand(row) ? row.bandCode : null);

const collator = new Intl.Collator('id');

export async function migration(db: Db, c: RequestContext, query: MigrationQuery) {
  if (query.from === query.to) throw invalid(t`Compare two different periods`, [{ path: 'querystring.to', message: t`must differ from from` }]);
  // loadPeriod answers 404 for a period of another commission: both periods are the caller's
  const fromPeriod = await loadPeriod(db, c, query.from);
  const toPeriod = await loadPeriod(db, c, query.to);
  const before = await published(db, fromPeriod, 'from');
  const after = await published(db, toPeriod, 'to');

  const earlier = new Map(before.rows.map((r) => [r.bodyId, r]));
  const matrix = Object.fromEntries(fromPeriod.bands.map((f) => [f.code, Object.fromEntries(toPeriod.bands.map((t) => [t.code, 0]))])) as Record<string, Record<string, number>>;
  const bodies = [];
  for (const row of after.rows) {
    const then = earlier.get(row.bodyId);
    if (!then) continue;
    const from = bandOf(then);
    const to = bandOf(row);
    const cell = from === null ? undefined : matrix[from];
    if (cell && to !== null) cell[to] = (cell[to] ?? 0) + 1;
    bodies.push({ bodyId: row.bodyId, bodyName: row.bodyName, from, to });
  }
  bodies.sort((a, b) => collator.compare(a.bodyName, b.bodyName) || (a.bodyId < b.bodyId ? -1 : 1));
  const describe = (period: Period, version: number) => ({
    periodId: period.id, year: period.year, title: period.title, version, bands: period.bands.map((b) => ({ code: b.code, label: b.label })),
  });
  return { periods: { from: describe(fromPeriod, before.version), to: describe(toPeriod, after.version) }, matrix, bodies };
}
