// The spreadsheet forms (CSV/XLSX) of rankings and recaps, live, frozen or public: Indonesian
// headers and labels, scores as numbers with 2 decimals (statistics and agreement: live/tables.ts).
import type { CellValue, Column, Table } from '../../http/exports.ts';
import { evaluationOrderOf, stageLabelOf, type EvaluationStage } from '../../scoring/index.ts';
import type { Period } from '../periods/index.ts';
import { type PublicRankingRowBody, type RecapRowBody } from './rows.ts';
import type { RankingStatus } from './standings.ts';

export const STATUS_LABEL: Record<RankingStatus, string> = {
  scored: 'Dinilai',
  provisional: 'Sementara',
  not_submitted: 'Tidak Mengisi',
};

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

/** Whether the recap has a "Nilai Plus" column: the period allows adjustments. */
export const hasAdjustments = (period: Period): boolean => Number(period.maxAdjustment) !== 0;

/** A recap column of an evaluation stage: its score, headed "Nilai <label>". */
export interface StageColumn { stage: EvaluationStage; header: string }

/** The evaluation stages a recap has columns for, in the order the period runs them, headed by their labels. */
export function stageColumns(period: Period): StageColumn[] {
  return evaluationOrderOf(period).map((stage) => ({ stage, header: `Nilai ${stageLabelOf(period, stage)}` }));
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

const RANK_AND_SCORE = new Set(['Peringkat', 'Peringkat Kategori', 'Peringkat Umum', 'Nilai Akhir']);

/** `withheld`: a publication by qualification, whose files have no rank and no final score columns. */
export function rankingTable<T extends PublicRankingRowBody>(rows: T[], ctx: ExportContext, options: { withheld?: boolean } = {}): Table<T> {
  const columns = options.withheld ? rankingColumns().filter((c) => !RANK_AND_SCORE.has(c.header)) : rankingColumns();
  return { filename: ctx.filename, sheet: ctx.sheet, columns, rows, info: ctx.info };
}

/**
 * The full score recap: per participant every indicator score (each followed by its sub-indicators'
 * percentages, when its questions are grouped), self-assessed and verified SAQ, stage scores, final
 * score, band and rank. Indicators and sub-indicators are the union over the period's questionnaires
 * (a category whose questionnaire lacks one leaves its cell empty).
 */
export function recapTable(rows: RecapRowBody[], stages: readonly StageColumn[], ctx: ExportContext, adjustments = false): Table<RecapRowBody> {
  const indicators: { code: string; name: string; subIndicators: { code: string; name: string }[] }[] = [];
  const byCode = new Map<string, (typeof indicators)[number]>();
  for (const row of rows) {
    for (const i of row.indicators) {
      let entry = byCode.get(i.code);
      if (!entry) {
        entry = { code: i.code, name: i.name, subIndicators: [] };
        byCode.set(i.code, entry);
        indicators.push(entry);
      }
      for (const sub of i.subIndicators ?? []) {
        if (!entry.subIndicators.some((s) => s.code === sub.code)) entry.subIndicators.push({ code: sub.code, name: sub.name });
      }
    }
  }
  const indicatorOf = (r: RecapRowBody, code: string) => r.indicators.find((i) => i.code === code);
  const indicatorScore = (code: string) => (r: RecapRowBody) => indicatorOf(r, code)?.score ?? null;
  const subIndicatorScore = (code: string, sub: string) => (r: RecapRowBody) =>
    indicatorOf(r, code)?.subIndicators?.find((s) => s.code === sub)?.score ?? null;
  const columns: Column<RecapRowBody>[] = [
    ...rankingColumns().slice(0, 6),
    ...indicators.flatMap((i): Column<RecapRowBody>[] => [
      { header: `${i.code} ${i.name}`, kind: 'score', value: indicatorScore(i.code), width: 14 },
      ...i.subIndicators.map((s): Column<RecapRowBody> => ({ header: `${s.code} ${s.name}`, kind: 'score', value: subIndicatorScore(i.code, s.code), width: 14 })),
    ]),
    { header: 'SAQ Mandiri', kind: 'score', value: (r) => r.selfAssessedSaq, width: 12 },
    { header: 'SAQ Terverifikasi', kind: 'score', value: (r) => r.verifiedSaq, width: 14 },
    ...stages.map(({ stage, header }): Column<RecapRowBody> => ({ header, kind: 'score', value: (r) => r.stages[stage] ?? null, width: 14 })),
    ...(adjustments ? [{ header: 'Nilai Plus', kind: 'score', value: (r: RecapRowBody) => r.adjustment, width: 10 } as Column<RecapRowBody>] : []),
    { header: 'Nilai Akhir', kind: 'score', value: (r) => r.finalScore, width: 12 },
    { header: 'Kualifikasi', kind: 'text', value: (r) => r.band?.label ?? null, width: 22 },
    { header: 'Status', kind: 'text', value: (r) => STATUS_LABEL[r.status], width: 14 },
    { header: 'Lolos Tahap Lanjut', kind: 'text', value: (r) => (r.advanced === null ? null : r.advanced ? 'Ya' : 'Tidak'), width: 12 },
  ];
  return { filename: ctx.filename, sheet: ctx.sheet, columns, rows, info: ctx.info };
}
