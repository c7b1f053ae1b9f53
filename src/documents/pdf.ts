// What every PDF of the service shares: A4, DejaVu Sans embedded (a PDF viewer on an officer's
// laptop need not have any font of ours, and the standard 14 PDF fonts cannot write every
// Indonesian name), numbers and dates written the Indonesian way, and the bytes collected in memory
// (a letter or a decree attachment is tens of kilobytes).
import fs from 'node:fs';
import path from 'node:path';

/** The regular and bold TrueType files in `fontDir` (config KIP_FONT_DIR; Debian's fonts-dejavu-core). */
const FONT_FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;

const fontCache = new Map<string, Buffer>();

function fontBytes(fontDir: string, file: string): Buffer {
  const where = path.join(fontDir, file);
  let bytes = fontCache.get(where);
  if (!bytes) {
    try {
      bytes = fs.readFileSync(where);
    } catch (error) {
      throw new Error(`the PDF font ${where} cannot be read (install fonts-dejavu-core or set KIP_FONT_DIR): ${(error as Error).message}`);
    }
    fontCache.set(where, bytes);
  }
  return bytes;
}

export type Pdf = PDFKit.PDFDocument;

/**
 * A new A4 document with the fonts registered as 'regular' and 'bold', and a promise of its bytes,
 * fulfilled once the caller has ended it.
 */
export async function createPdf(options: { fontDir: string; title: string; layout?: 'portrait' | 'landscape' }): Promise<{ doc: Pdf; bytes: Promise<Buffer> }> {
  // loaded on first use, as exceljs is: most instances never print a document
  const { default: PDFDocument } = await import('pdfkit');
  const regular = fontBytes(options.fontDir, FONT_FILES.regular);
  const doc = new PDFDocument({
    size: 'A4',
    layout: options.layout ?? 'portrait',
    margins: { top: 50, bottom: 50, left: 56, right: 56 },
    // the first font is ours, so Helvetica (not embedded) never enters the file
    // (the types say a path; pdfkit takes the bytes as well)
    font: regular as unknown as string,
    info: { Title: options.title, Author: 'kip-monev', Creator: 'kip-monev' },
    lang: 'id-ID',
    bufferPages: true,
  });
  doc.registerFont('regular', regular);
  doc.registerFont('bold', fontBytes(options.fontDir, FONT_FILES.bold));
  doc.font('regular');
  const chunks: Buffer[] = [];
  const bytes = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, bytes };
}

/** "Halaman i dari n" at the foot of every page (pages are buffered until the end). */
export function pageNumbers(doc: Pdf, footer: string): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.height - doc.page.margins.bottom + 16;
    // writing below the bottom margin would start a new page: lift the margin while writing
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(7.5).fillColor('#555555')
      .text(`${footer} · Halaman ${i - start + 1} dari ${count}`, doc.page.margins.left, bottom, { width: contentWidth(doc), align: 'center', lineBreak: false });
    doc.page.margins.bottom = margin;
  }
}

export const contentWidth = (doc: Pdf): number => doc.page.width - doc.page.margins.left - doc.page.margins.right;

/** Starts a new page when fewer than `height` points are left on this one. */
export function ensureSpace(doc: Pdf, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

/**
 * A score as Indonesians write it: two decimals with a decimal comma (89,38). The number is the
 * one the JSON carries (already rounded half up to 2 places), so only its spelling changes.
 */
export function angka(n: number, options: { sign?: boolean } = {}): string {
  const text = Math.abs(n).toFixed(2).replace('.', ',');
  if (n < 0) return `-${text}`;
  return options.sign && n > 0 ? `+${text}` : text;
}

const longDate = new Intl.DateTimeFormat('id-ID', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Asia/Jakarta' });

/** A date (YYYY-MM-DD or a Date) as "1 Desember 2025". */
export function tanggal(value: string | Date): string {
  const date = typeof value === 'string' ? new Date(`${value}T12:00:00+07:00`) : value;
  return longDate.format(date);
}
