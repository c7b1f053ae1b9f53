// The spreadsheet forms (CSV/XLSX) of rankings, recaps, statistics and juror agreement: Indonesian
// headers and labels, scores as numbers with 2 decimals.
import type { CellValue, Column, Table } from '../../http/exports.ts';
import type { AgreementBody, RankingRowBody, RecapRowBody, StatisticsBody } from './live.service.ts';
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

function rankingColumns(): Column<RankingRowBody>[] {
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

export function rankingTable(rows: RankingRowBody[], ctx: ExportContext): Table<RankingRowBody> {
  return { filename: ctx.filename, sheet: ctx.sheet, columns: rankingColumns(), rows, info: ctx.info };
}

/**
 * The full score recap: per participant every indicator score, self-assessed and verified SAQ,
 * stage scores, final score, band and rank. Indicators are the union over the period's
 * questionnaires (a category whose questionnaire lacks one leaves its cell empty).
 */
export function recapTable(rows: RecapRowBody[], stages: { visitation: boolean; presentation: boolean }, ctx: ExportContext): Table<RecapRowBody> {
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
    { header: 'Nilai Akhir', kind: 'score', value: (r) => r.finalScore, width: 12 },
    { header: 'Kualifikasi', kind: 'text', value: (r) => r.band?.label ?? null, width: 22 },
    { header: 'Status', kind: 'text', value: (r) => STATUS_LABEL[r.status], width: 14 },
    { header: 'Lolos Tahap Lanjut', kind: 'text', value: (r) => (r.advanced === null ? null : r.advanced ? 'Ya' : 'Tidak'), width: 12 },
  ];
  return { filename: ctx.filename, sheet: ctx.sheet, columns, rows, info: ctx.info };
}

type CategoryStats = StatisticsBody['categories'][number];

export function statisticsTable(stats: StatisticsBody, ctx: ExportContext): Table<CategoryStats> {
  const rows = [...stats.categories, stats.overall];
  const bandColumns = stats.overall.bands.map((b, i): Column<CategoryStats> => ({ header: b.label, kind: 'integer', value: (r) => r.bands[i]?.count ?? 0, width: 12 }));
  const p = stats.progress;
  return {
    filename: ctx.filename,
    sheet: ctx.sheet,
    rows,
    columns: [
      { header: 'Kode Kategori', kind: 'text', value: (r) => r.categoryCode, width: 12 },
      { header: 'Kategori', kind: 'text', value: (r) => r.categoryName, width: 32 },
      { header: 'Jumlah Peserta', kind: 'integer', value: (r) => r.participants },
      { header: 'Dinilai', kind: 'integer', value: (r) => r.scored },
      { header: 'Sementara', kind: 'integer', value: (r) => r.provisional },
      { header: 'Tidak Mengisi', kind: 'integer', value: (r) => r.notSubmitted },
      { header: 'Rata-rata', kind: 'score', value: (r) => r.finalScore.mean },
      { header: 'Median', kind: 'score', value: (r) => r.finalScore.median },
      { header: 'Terendah', kind: 'score', value: (r) => r.finalScore.min },
      { header: 'Tertinggi', kind: 'score', value: (r) => r.finalScore.max },
      ...bandColumns,
    ],
    info: [
      ...ctx.info,
      ...stats.indicators.map((i): [string, CellValue] => [`Rata-rata indikator ${i.code} ${i.name}`, i.meanScore]),
      ['Peserta', p.participants],
      ['SAQ dikirim', p.saq.submitted],
      ['SAQ tidak mengisi', p.saq.notSubmitted],
      ['Verifikasi selesai', p.verification.verified],
      ['Pertanyaan terverifikasi', `${p.verification.decidedQuestions} / ${p.verification.totalQuestions}`],
      ...(p.visitation ? [['Visitasi selesai', `${p.visitation.visited} / ${p.visitation.advanced}`] as [string, CellValue]] : []),
      ...(p.presentation ? [['Presentasi dinilai', `${p.presentation.presented} / ${p.presentation.advanced}`] as [string, CellValue]] : []),
    ],
  };
}

type AgreementRow = AgreementBody['items'][number];
type AgreementLine = { row: AgreementRow; juror: AgreementRow['jurors'][number] };

/** One line per juror score, so a spreadsheet can sort and filter by juror. */
export function agreementTable(body: AgreementBody, ctx: ExportContext): Table<AgreementLine> {
  const rows = body.items.flatMap((row) => row.jurors.map((juror) => ({ row, juror })));
  return {
    filename: ctx.filename,
    sheet: ctx.sheet,
    rows,
    columns: [
      { header: 'Badan Publik', kind: 'text', value: (l) => l.row.bodyName, width: 48 },
      { header: 'Juri', kind: 'text', value: (l) => l.juror.jurorName, width: 24 },
      { header: 'Nilai Juri', kind: 'score', value: (l) => l.juror.score },
      { header: 'Rata-rata Panel', kind: 'score', value: (l) => l.row.mean },
      { header: 'Selisih', kind: 'score', value: (l) => l.juror.deviation },
      { header: 'Ditandai', kind: 'text', value: (l) => (l.juror.flagged ? 'Ya' : 'Tidak') },
      { header: 'Rentang Panel', kind: 'score', value: (l) => l.row.spread },
      { header: 'Simpangan Baku', kind: 'score', value: (l) => l.row.standardDeviation },
    ],
    info: [...ctx.info, ['Ambang selisih (poin)', body.threshold]],
  };
}
