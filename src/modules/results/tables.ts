// The spreadsheet forms (CSV/XLSX) of rankings and recaps, live, frozen or public: Indonesian
// headers and labels, scores as numbers with 2 decimals (statistics and agreement: live/tables.ts).
import type { CellValue, Column, Table } from '../../http/exports.ts';
import type { Period } from '../periods/index.ts';
import { type PublicRankingRowBody, type RecapRowBody } from './rows.ts';
import type { RankingStatus } from './standings.ts';

export const STATUS_LABEL: Record<RankingStatus, string> = {
  scored: 'Dinilai',
  provisional: 'Sementara',
  not_submitted: 'Tidak Mengisi',
};

const STAGE_LABEL = { saq: 'Nilai SAQ (Tahap)', visitation: 'Nilai Visitasi', presentation: 'Nilai Presentasi' } as const;

export interface ExportContext {
  /** e.g. "peringkat-2025" */
  filename: string;
  sheet: string;
  info: [string, CellValue][];
}

/** The file name, sheet and info lines of a period's export; `extra` goes before the date. */
export function exportContext(period: Period, what: string, sheet: string, extra: [string, string | number | null][] = []): ExportContext {
  return {
    filename: `${what}-${period.year}`,
    sheet,
    info: [['Periode', `${period.title} (${period.year})`], ['Tahap', period.stage], ...extra, ['Dibuat', new Date().toISOString()]],
  };
}

/** Which later stages a recap has columns for, and whether it has one for adjustments (the period allows them). */
export function hasStages(period: Period) {
  const stages = period.stages;
  return {
    visitation: stages.visitation !== undefined,
    presentation: stages.presentation !== undefined,
    adjustments: Number(period.maxAdjustment) !== 0,
  };
}

/** The columns any ranking row has, the public's included. */
function rankingColumns(): Column<PublicRankingRowBody>[] {
  return [
    { header: 'Peringkat', kind: 'integer', value: (r) => r.rank, width: 10 },
    { header: 'Peringkat Kategori', kind: 'integer', value: (r) => r.categoryRank, width: 12 },
    { header: 'Peringkat Umum', kind: 'integer', value: (r) => r.overallRank, width: 12 },
    { header: 'Badan Publik', kind: 'text', value: (r) => r.bodyName, width: 48 },
    { header: 'Kode Kategori', kind: 'text', value: (r) => r.categoryCode, width: 12 },
    { header: 'Kategori', kind: 'text', value: (r) => r.categoryName, width: 32 },
    { header: 'Nilai Akhir', kind: 'score', value: (r) => r.finalScore, width: 12 },
    { header: 'Kualifikasi', kind: 'text', value: (r) => r.band?.label ?? null, width: 22 },
    { header: 'Status', kind: 'text', value: (r) => STATUS_LABEL[r.status], width: 14 },
  ];
}

export function rankingTable<T extends PublicRankingRowBody>(rows: T[], ctx: ExportContext): Table<T> {
  return { filename: ctx.filename, sheet: ctx.sheet, columns: rankingColumns(), rows, info: ctx.info };
}

/**
 * The full score recap: per participant every indicator score, self-assessed and verified SAQ,
 * stage scores, final score, band and rank. Indicators are the union over the period's
 * questionnaires (a category whose questionnaire lacks one leaves its cell empty).
 */
export function recapTable(rows: RecapRowBody[], stages: { visitation: boolean; presentation: boolean; adjustments?: boolean }, ctx: ExportContext): Table<RecapRowBody> {
  const indicators: { code: string; name: string }[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const i of row.indicators) {
      if (seen.has(i.code)) continue;
      seen.add(i.code);
      indicators.push({ code: i.code, name: i.name });
    }
  }
  const indicatorScore = (code: string) => (r: RecapRowBody) => r.indicators.find((i) => i.code === code)?.score ?? null;
  const columns: Column<RecapRowBody>[] = [
    ...rankingColumns().slice(0, 6),
    ...indicators.map((i): Column<RecapRowBody> => ({ header: `${i.code} ${i.name}`, kind: 'score', value: indicatorScore(i.code), width: 14 })),
    { header: 'SAQ Mandiri', kind: 'score', value: (r) => r.selfAssessedSaq, width: 12 },
    { header: 'SAQ Terverifikasi', kind: 'score', value: (r) => r.verifiedSaq, width: 14 },
    ...(stages.visitation ? [{ header: STAGE_LABEL.visitation, kind: 'score', value: (r: RecapRowBody) => r.stages.visitation ?? null, width: 12 } as Column<RecapRowBody>] : []),
    ...(stages.presentation ? [{ header: STAGE_LABEL.presentation, kind: 'score', value: (r: RecapRowBody) => r.stages.presentation ?? null, width: 12 } as Column<RecapRowBody>] : []),
    ...(stages.adjustments ? [{ header: 'Nilai Plus', kind: 'score', value: (r: RecapRowBody) => r.adjustment, width: 10 } as Column<RecapRowBody>] : []),
    { header: 'Nilai Akhir', kind: 'score', value: (r) => r.finalScore, width: 12 },
    { header: 'Kualifikasi', kind: 'text', value: (r) => r.band?.label ?? null, width: 22 },
    { header: 'Status', kind: 'text', value: (r) => STATUS_LABEL[r.status], width: 14 },
    { header: 'Lolos Tahap Lanjut', kind: 'text', value: (r) => (r.advanced === null ? null : r.advanced ? 'Ya' : 'Tidak'), width: 12 },
  ];
  return { filename: ctx.filename, sheet: ctx.sheet, columns, rows, info: ctx.info };
}
