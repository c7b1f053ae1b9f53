// The lampiran SK: the attachment of the decree that fixes a result set, per category the ranked
// bodies (or, for a publication by qualification, the bodies by band without rank or score). It
// replaces the scanned tables commissions publish today; its numbers are the result set's.
import { angka, contentWidth, createPdf, ensureSpace, pageNumbers, tanggal, type Pdf } from './pdf.ts';

export interface AttachmentRow {
  categoryRank: number | null;
  bodyName: string;
  finalScore: number | null;
  band: { label: string } | null;
  status: 'scored' | 'provisional' | 'not_submitted';
}

export interface AttachmentData {
  commission: string;
  period: { title: string; year: number };
  version: number;
  decreeNumber: string;
  decreeDate: string;
  /** qualification: bands only, no rank and no score (the publication's mode) */
  mode: 'ranked' | 'qualification';
  /** categories in display order, rows in the order to print */
  categories: { name: string; rows: AttachmentRow[] }[];
}

const STATUS_NOTE: Record<AttachmentRow['status'], string> = { scored: '', provisional: ' (sementara)', not_submitted: ' (tidak mengisi)' };

interface Column { header: string; width: number; align: 'left' | 'right'; value: (row: AttachmentRow, index: number) => string }

function columns(mode: AttachmentData['mode'], width: number): Column[] {
  const band: Column = { header: 'Kualifikasi', width: 150, align: 'left', value: (r) => `${r.band?.label ?? '—'}${STATUS_NOTE[r.status]}` };
  if (mode === 'qualification') {
    return [
      { header: 'No.', width: 36, align: 'right', value: (_r, i) => String(i + 1) },
      { header: 'Badan Publik', width: width - 36 - 150, align: 'left', value: (r) => r.bodyName },
      band,
    ];
  }
  return [
    { header: 'Peringkat', width: 58, align: 'right', value: (r) => (r.categoryRank === null ? '—' : String(r.categoryRank)) },
    { header: 'Badan Publik', width: width - 58 - 70 - 150, align: 'left', value: (r) => r.bodyName },
    { header: 'Nilai Akhir', width: 70, align: 'right', value: (r) => (r.finalScore === null ? '—' : angka(r.finalScore)) },
    band,
  ];
}

function row(doc: Pdf, cols: Column[], cells: string[], font: 'regular' | 'bold', shade: boolean): void {
  const x0 = doc.page.margins.left;
  doc.font(font).fontSize(9);
  const height = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: cols[i]!.width - 8 }))) + 6;
  const y = doc.y;
  if (shade) doc.rect(x0, y, contentWidth(doc), height).fill('#eef2f6');
  let x = x0;
  cells.forEach((cell, i) => {
    doc.fillColor('black').text(cell, x + 4, y + 3, { width: cols[i]!.width - 8, align: cols[i]!.align });
    x += cols[i]!.width;
  });
  doc.x = x0;
  doc.y = y + height;
}

/** The attachment as PDF bytes: A4 portrait, the header row repeated on every page a table spans. */
export async function renderDecreeAttachment(data: AttachmentData, fontDir: string): Promise<Buffer> {
  const { doc, bytes } = await createPdf({ fontDir, title: `Lampiran Keputusan ${data.decreeNumber}` });
  const width = contentWidth(doc);
  doc.font('bold').fontSize(11).text(`LAMPIRAN KEPUTUSAN ${data.commission.toUpperCase()}`, { align: 'left' });
  doc.font('regular').fontSize(9.5);
  doc.text(`Nomor: ${data.decreeNumber}`);
  doc.text(`Tanggal: ${tanggal(data.decreeDate)}`);
  doc.text(`Tentang: Hasil Monitoring dan Evaluasi Keterbukaan Informasi Publik — ${data.period.title} Tahun ${data.period.year} (versi ${data.version})`);
  doc.moveDown(0.6);
  if (data.mode === 'qualification') doc.fontSize(8.5).text('Diumumkan menurut kualifikasi: tanpa peringkat dan nilai; dalam setiap kualifikasi menurut abjad.');

  const cols = columns(data.mode, width);
  const header = cols.map((c) => c.header);
  for (const category of data.categories) {
    ensureSpace(doc, 70);
    doc.moveDown(0.8).font('bold').fontSize(10.5).fillColor('black').text(`Kategori ${category.name}`);
    doc.moveDown(0.3);
    row(doc, cols, header, 'bold', true);
    category.rows.forEach((r, i) => {
      const cells = cols.map((c) => c.value(r, i));
      doc.font('regular').fontSize(9);
      const height = Math.max(...cells.map((c, j) => doc.heightOfString(c, { width: cols[j]!.width - 8 }))) + 6;
      if (doc.y + height > doc.page.height - doc.page.margins.bottom) {
        doc.addPage();
        row(doc, cols, header, 'bold', true);
      }
      row(doc, cols, cells, 'regular', false);
    });
    if (category.rows.length === 0) doc.font('regular').fontSize(9).text('Tidak ada peserta.');
  }
  pageNumbers(doc, `Lampiran Keputusan ${data.decreeNumber}`);
  doc.end();
  return bytes;
}
