// The spreadsheet forms (CSV/XLSX) of statistics and juror agreement.
import type { CellValue, Column, Table } from '../../../http/exports.ts';
import type { ExportContext } from '../tables.ts';
import type { AgreementBody } from './agreement.service.ts';
import type { StatisticsBody } from './statistics.service.ts';

type CategoryStats = StatisticsBody['categories'][number];

export function statisticsTable(stats: StatisticsBody, ctx: ExportContext): Table<CategoryStats> {
  const rows = [...stats.categories, stats.overall];
  const bandColumns = stats.overall.bands.map((b, i): Column<CategoryStats> => ({ header: b.label, kind: 'integer', value: (r) => r.bands[i]?.count ?? 0, width: 12 }));
  const p = stats.progress;
  return {
    filename: ctx.filename,
    sheet: ctx.sheet,
    title: ctx.title,
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
      // the evaluation stages in the order the period runs them, by their labels
      ...p.evaluationOrder.flatMap((stage): [string, CellValue][] => {
        if (stage === 'visitation') return p.visitation ? [[`${p.visitation.label} selesai`, `${p.visitation.visited} / ${p.visitation.advanced}`]] : [];
        return p.presentation ? [[`${p.presentation.label} dinilai`, `${p.presentation.presented} / ${p.presentation.advanced}`]] : [];
      }),
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
    title: ctx.title,
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
