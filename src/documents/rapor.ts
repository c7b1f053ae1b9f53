// The rapor: the letter a commission sends a public body with its results and what to improve
// (DKI Jakarta sends one to every body). It is drawn from the participant's JSON score explanation,
// so every number in it is the number the API gives, written with a decimal comma.
import { angka, contentWidth, createPdf, ensureSpace, pageNumbers, tanggal, type Pdf } from './pdf.ts';

interface Band { code: string; label: string }

/** The parts of GET …/score (assessments/score.service.ts) the letter shows. */
export interface RaporScore {
  status: 'scored' | 'provisional' | 'not_submitted';
  finalScore: number | null;
  band: Band | null;
  indicators: { code: string; name: string; weight: number; score: number }[];
  stageDetails: { stage: string; label: string; effectiveWeight: number; score: number | null; contribution: number | null }[];
  adjustments: { points: number; reason: string }[];
  adjustmentsApplied: boolean;
  baseScore: number | null;
  gap: {
    nextBand: Band | null;
    pointsNeeded: number | null;
    questions: { question: string; indicator: string; text: string; gain: number }[];
  };
}

export interface RaporData {
  commission: string;
  period: { title: string; year: number };
  body: string;
  category: string;
  score: RaporScore;
  /** the result set whose row was computed from exactly these inputs, when one was */
  resultSet: { version: number; decreeNumber: string; decreeDate: string; inputsSha256: string } | null;
  printedAt: Date;
}

/** At most this many questions to fix first: the letter stays within two pages. */
const GAINS_SHOWN = 10;
const GREY = '#555555';
const BAR = '#1f5f8b';
const TRACK = '#e3e8ee';

const STATUS: Record<RaporScore['status'], string> = {
  scored: 'Final',
  provisional: 'Sementara (belum semua tahap dinilai)',
  not_submitted: 'Tidak mengisi kuesioner',
};

function heading(doc: Pdf, text: string): void {
  ensureSpace(doc, 60);
  doc.moveDown(0.8).font('bold').fontSize(11.5).fillColor('black').text(text);
  doc.moveDown(0.3).font('regular').fontSize(9.5);
}

/** Label: value lines, labels in one column. */
function facts(doc: Pdf, rows: [string, string][]): void {
  const x = doc.page.margins.left;
  for (const [label, value] of rows) {
    const y = doc.y;
    doc.font('regular').fontSize(9.5).fillColor(GREY).text(label, x, y, { width: 120 });
    doc.fillColor('black').text(value, x + 125, y, { width: contentWidth(doc) - 125 });
  }
  doc.x = x;
}

/** A small table: header row in bold, then rows; columns by width, numbers right-aligned. */
function table(doc: Pdf, columns: { header: string; width: number; align?: 'left' | 'right' }[], rows: string[][]): void {
  const x0 = doc.page.margins.left;
  const line = (cells: string[], font: 'regular' | 'bold') => {
    doc.font(font).fontSize(9);
    const height = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: columns[i]!.width - 6 })));
    ensureSpace(doc, height + 4);
    const y = doc.y;
    let x = x0;
    cells.forEach((cell, i) => {
      const column = columns[i]!;
      doc.fillColor('black').text(cell, x, y, { width: column.width - 6, align: column.align ?? 'left' });
      x += column.width;
    });
    doc.x = x0;
    doc.y = y + height + 3;
    doc.moveTo(x0, doc.y - 1.5).lineTo(x, doc.y - 1.5).lineWidth(0.4).strokeColor('#bbbbbb').stroke();
  };
  line(columns.map((c) => c.header), 'bold');
  for (const row of rows) line(row, 'regular');
}

/** Indicator scores (0–100) as horizontal bars, drawn as vector paths. */
function indicatorChart(doc: Pdf, indicators: RaporScore['indicators']): void {
  const x0 = doc.page.margins.left;
  const labelWidth = 190;
  const valueWidth = 40;
  const barWidth = contentWidth(doc) - labelWidth - valueWidth - 10;
  const rowHeight = 17;
  for (const indicator of indicators) {
    ensureSpace(doc, rowHeight + 2);
    const y = doc.y;
    doc.font('regular').fontSize(8.5).fillColor('black')
      .text(`${indicator.code}. ${indicator.name}`, x0, y + 3, { width: labelWidth - 6, height: rowHeight - 2, ellipsis: true, lineBreak: false });
    const barX = x0 + labelWidth;
    doc.rect(barX, y + 3, barWidth, rowHeight - 7).fill(TRACK);
    const filled = Math.max(0, Math.min(100, indicator.score)) / 100 * barWidth;
    if (filled > 0) doc.rect(barX, y + 3, filled, rowHeight - 7).fill(BAR);
    // quarter marks, so the bars can be read without the numbers
    for (const mark of [25, 50, 75]) {
      doc.moveTo(barX + (mark / 100) * barWidth, y + 2).lineTo(barX + (mark / 100) * barWidth, y + rowHeight - 3).lineWidth(0.3).strokeColor('#ffffff').stroke();
    }
    doc.fillColor('black').fontSize(8.5).text(angka(indicator.score), barX + barWidth + 4, y + 3, { width: valueWidth + 6, align: 'right', lineBreak: false });
    doc.x = x0;
    doc.y = y + rowHeight;
  }
  doc.font('regular').fontSize(7.5).fillColor(GREY)
    .text('Skala 0–100; garis putih pada 25, 50 dan 75.', x0, doc.y + 2, { width: contentWidth(doc) });
}

const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

/** The rapor as PDF bytes (A4, one or two pages). */
export async function renderRapor(data: RaporData, fontDir: string): Promise<Buffer> {
  const { score } = data;
  const { doc, bytes } = await createPdf({ fontDir, title: `Rapor ${data.body} — ${data.period.title}` });
  const width = contentWidth(doc);

  doc.font('bold').fontSize(13).text(data.commission.toUpperCase(), { align: 'center' });
  doc.font('regular').fontSize(10.5).text('Laporan Hasil Monitoring dan Evaluasi Keterbukaan Informasi Publik', { align: 'center' });
  doc.text(`${data.period.title} (${data.period.year})`, { align: 'center' });
  const rule = doc.y + 6;
  doc.moveTo(doc.page.margins.left, rule).lineTo(doc.page.margins.left + width, rule).lineWidth(1).strokeColor('black').stroke();
  doc.y = rule + 12;

  facts(doc, [
    ['Kepada', data.body],
    ['Kategori', data.category],
    ['Status penilaian', STATUS[score.status]],
    ['Tanggal cetak', tanggal(data.printedAt)],
  ]);

  // the result in a box: what the reader looks for first
  doc.moveDown(0.8);
  const boxY = doc.y;
  doc.rect(doc.page.margins.left, boxY, width, 46).lineWidth(0.8).strokeColor(BAR).stroke();
  doc.font('regular').fontSize(9).fillColor(GREY).text('Nilai Akhir', doc.page.margins.left + 12, boxY + 8, { width: width / 2 - 12 });
  doc.font('bold').fontSize(18).fillColor('black').text(angka(score.finalScore ?? 0), doc.page.margins.left + 12, boxY + 20, { width: width / 2 - 12 });
  doc.font('regular').fontSize(9).fillColor(GREY).text('Kualifikasi', doc.page.margins.left + width / 2, boxY + 8, { width: width / 2 - 12 });
  doc.font('bold').fontSize(14).fillColor('black').text(score.band?.label ?? '—', doc.page.margins.left + width / 2, boxY + 22, { width: width / 2 - 12 });
  doc.x = doc.page.margins.left;
  doc.y = boxY + 54;

  heading(doc, 'Nilai per tahap');
  table(doc, [
    { header: 'Tahap', width: width - 240 },
    { header: 'Bobot (%)', width: 80, align: 'right' },
    { header: 'Nilai', width: 80, align: 'right' },
    { header: 'Kontribusi', width: 80, align: 'right' },
  ], score.stageDetails.map((s) => [
    s.label, angka(s.effectiveWeight), s.score === null ? '—' : angka(s.score), s.contribution === null ? '—' : angka(s.contribution),
  ]));

  heading(doc, 'Nilai per indikator (hasil verifikasi)');
  indicatorChart(doc, score.indicators);

  if (score.adjustments.length > 0) {
    heading(doc, 'Penyesuaian nilai (pleno)');
    table(doc, [{ header: 'Alasan', width: width - 90 }, { header: 'Poin', width: 90, align: 'right' }],
      score.adjustments.map((a) => [a.reason, angka(a.points, { sign: true })]));
    doc.moveDown(0.3).font('regular').fontSize(9).fillColor('black').text(score.adjustmentsApplied && score.baseScore !== null
      ? `Nilai sebelum penyesuaian ${angka(score.baseScore)}; penyesuaian sudah termasuk dalam nilai akhir.`
      : 'Penyesuaian belum diterapkan: penilaian peserta belum lengkap.');
  }

  heading(doc, 'Menuju kualifikasi berikutnya');
  const { gap } = score;
  if (!gap.nextBand || gap.pointsNeeded === null) {
    doc.text('Badan publik telah berada pada kualifikasi tertinggi. Pertahankan!');
  } else {
    doc.text(`Untuk mencapai kualifikasi ${gap.nextBand.label} diperlukan tambahan ${angka(gap.pointsNeeded)} poin pada nilai akhir. `
      + 'Pertanyaan berikut memberi tambahan nilai terbesar bila dipenuhi; mulailah dari yang teratas.');
    doc.moveDown(0.4);
    const shown = gap.questions.slice(0, GAINS_SHOWN);
    if (shown.length === 0) doc.text('Tidak ada pertanyaan kuesioner yang masih dapat menambah nilai.');
    else {
      table(doc, [
        { header: 'Kode', width: 48 },
        { header: 'Pertanyaan', width: width - 48 - 80 },
        { header: 'Tambahan nilai', width: 80, align: 'right' },
      ], shown.map((q) => [q.question, truncate(q.text, 160), angka(q.gain, { sign: true })]));
    }
    if (gap.questions.length > shown.length) {
      doc.moveDown(0.2).fontSize(8).fillColor(GREY).text(`Dan ${gap.questions.length - shown.length} pertanyaan lain; daftar lengkap tersedia di aplikasi.`);
    }
  }

  heading(doc, 'Keterangan');
  doc.fontSize(8.5).fillColor('black');
  if (data.resultSet) {
    const r = data.resultSet;
    doc.text(`Nilai ini sama dengan Hasil versi ${r.version} yang ditetapkan dengan Keputusan Nomor ${r.decreeNumber} tanggal ${tanggal(r.decreeDate)}. `
      + 'Sidik jari SHA-256 masukan penilaian (dapat dihitung ulang dengan kip-monev score --inputs):');
    doc.font('regular').fontSize(8).text(r.inputsSha256);
  } else {
    doc.text(`Nilai berdasarkan data penilaian per ${tanggal(data.printedAt)}; belum ditetapkan dalam hasil resmi dan dapat berubah.`);
  }
  doc.moveDown(0.3).fontSize(8).fillColor(GREY)
    .text('Nilai dibulatkan ke dua angka desimal (setengah ke atas). Tambahan nilai per pertanyaan dihitung terhadap nilai akhir bila jawaban terverifikasi mendapat nilai penuh.');

  pageNumbers(doc, `Rapor ${data.body} · ${data.period.title}`);
  doc.end();
  return bytes;
}
