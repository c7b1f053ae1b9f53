// The decree attachment (lampiran SK) of a result set as a PDF: per category its bodies with rank,
// final score and band, as the public rankings of the version show them — a version published by
// qualification lists bands only, by band and then by name, like the public API.
import type { Executor } from '../../../db/client.ts';
import type { RequestContext } from '../../../http/context.ts';
import { renderDecreeAttachment } from '../../../documents/decree-attachment.ts';
import { publishedRankings } from './published.ts';
import { loadResultSet } from './read.service.ts';
import { commissionName } from './result-sets.repo.ts';

export async function decreeAttachment(db: Executor, c: RequestContext, periodId: string, version: number, fontDir: string) {
  const { period, set } = await loadResultSet(db, c, periodId, version);
  const mode = set.publicationMode ?? 'ranked';
  const { items } = await publishedRankings(db, period, { id: set.id, mode }, {}, null);
  // categories in the order their first row comes (by code when ranked rows interleave them)
  const categories = new Map<string, { code: string; name: string; rows: typeof items }>();
  for (const row of items) {
    const category = categories.get(row.categoryId) ?? { code: row.categoryCode, name: row.categoryName, rows: [] };
    category.rows.push(row);
    categories.set(row.categoryId, category);
  }
  const ordered = [...categories.values()].sort((a, b) => a.code.localeCompare(b.code));
  const pdf = await renderDecreeAttachment({
    commission: await commissionName(db, period.commissionId),
    period: { title: period.title, year: period.year },
    version: set.version,
    decreeNumber: set.decreeNumber,
    decreeDate: set.decreeDate,
    mode,
    categories: ordered.map((cat) => ({ name: cat.name, rows: cat.rows })),
  }, fontDir);
  return { filename: `lampiran-sk-${period.year}-v${set.version}`, pdf };
}
