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
  /** the XLSX title block (exports.ts Table.title) */
  title: string[];
}

/** A result set version and its decree, for the title of an export of frozen results. */
export interface VersionRef { version: number; decreeNumber: string | null; decreeDate: string | null }

/** What the title block of an export names besides the period. */
export interface ExportHeading {
  /** the commission running the period */
  commission: string;
  /** the heading's first words; the sheet name when left out */
  what?: string;
  /** a frozen version; live scores otherwise */
  version?: VersionRef;
  /** the category the list is limited to */
  category?: string | null;
}

/** "20 November 2025 10.05 UTC": the date a printed sheet was made, as an Indonesian reader writes it. */
export function printedAt(at: Date): string {
  const months = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getUTCDate()} ${months[at.getUTCMonth()]} ${at.getUTCFullYear()} ${pad(at.getUTCHours())}.${pad(at.getUTCMinutes())} UTC`;
}

/**
 * The title block of an export: what and whose, the period (and category), the version and its
 * decree (or "live scores"), and when it was made: a printed page says which figures it shows.
 */
export function exportTitle(period: Pick<Period, 'title' | 'year'>, heading: ExportHeading & { what: string }, at = new Date()): string[] {
  const v = heading.version;
  const decree = v?.decreeNumber ? `SK Nomor ${v.decreeNumber}${v.decreeDate ? ` tanggal ${v.decreeDate}` : ''}` : 'belum ada SK';
  return [
    `${heading.what} — ${heading.commission}`,
    `Periode: ${period.title} (${period.year})${heading.category ? ` · Kategori: ${heading.category}` : ''}`,
    v ? `Hasil versi ${v.version} · ${decree}` : 'Nilai berjalan (belum ditetapkan)',
    `Dibuat: ${printedAt(at)}`,
  ];
}

/** The period's stage as a commission's staff call it, for the Info sheet of an export. */
const STAGE_NAMES: Record<Period['stage'], string> = {
  draft: 'Persiapan', saq: 'Pengisian SAQ', verification: 'Verifikasi', appeal: 'Masa sanggah', visitation: 'Visitasi',
  presentation: 'Presentasi (uji publik)', deliberation: 'Pleno / penetapan', closed: 'Selesai',
};

/** The file name, sheet, title and info lines of a period's export; `extra` goes before the date. */
export function exportContext(period: Period, what: string, sheet: string, heading: ExportHeading, extra: [string, string | number | null][] = []): ExportContext {
  const at = new Date();
  return {
    filename: `${what}-${period.year}`,
    sheet,
    info: [['Komisi Informasi', heading.commission], ['Periode', `${period.title} (${period.year})`], ['Tahap', STAGE_NAMES[period.stage]], ...extra, ['Dibuat', at.toISOString()]],
    title: exportTitle(period, { ...heading, what: heading.what ?? sheet }, at),
  };
}

/** The category a list limited to one (`?category=`) shows, for its title; null for a list of every category. */
export function categoryOf(rows: readonly { categoryName: string }[], filter: string | undefined): string | null {
  return filter ? (rows[0]?.categoryName ?? null) : null;
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
    // `rank` is the one the list needs (the category rank in one category's list, the overall rank
    // otherwise); the other two repeat it or another view's, so a printed sheet leaves them out
    { header: 'Peringkat Kategori', kind: 'integer', value: (r) => r.categoryRank, width: 12, csvOnly: true },
    { header: 'Peringkat Umum', kind: 'integer', value: (r) => r.overallRank, width: 12, csvOnly: true },
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
  return { filename: ctx.filename, sheet: ctx.sheet, columns, rows, info: ctx.info, title: ctx.title };
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
  return { filename: ctx.filename, sheet: ctx.sheet, columns, rows, info: ctx.info, title: ctx.title };
}
