// Reading the PDFs the service writes with Debian's poppler-utils, as a person's viewer would:
// the text (pdftotext), the page count and size (pdfinfo), the fonts (pdffonts) and a page as an
// image (pdftoppm). Missing tools skip on a developer's machine and fail under KIP_REQUIRE_TOOLS.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { missingTool, which } from './tools.ts';

const run = promisify(execFile);

/** Why the PDF checks cannot run here, or null (throws under KIP_REQUIRE_TOOLS). */
export const popplerMissing = missingTool(
  ['pdftotext', 'pdfinfo', 'pdffonts', 'pdftoppm'].every((t) => which(t)) ? null : 'poppler-utils (pdftotext, pdfinfo, pdffonts, pdftoppm) is not installed',
);

export interface ReadPdf {
  /** the text in reading order, with the layout kept (pdftotext -layout) */
  text: string;
  pages: number;
  /** "A4" when pdfinfo says the page is 595 × 842 pt (portrait or landscape) */
  pageSize: string;
  /** name and whether embedded, per font pdffonts lists */
  fonts: { name: string; type: string; embedded: boolean }[];
  /** page 1 rendered to PNG at 72 dpi: its path and size */
  png: { file: string; bytes: number; width: number; height: number };
}

export async function readPdf(pdf: Buffer): Promise<ReadPdf> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kip-pdf-'));
  const file = path.join(dir, 'doc.pdf');
  fs.writeFileSync(file, pdf);
  const { stdout: text } = await run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-']);
  const { stdout: info } = await run('pdfinfo', [file]);
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info);
  const [w, h] = [Math.round(Number(size?.[1])), Math.round(Number(size?.[2]))].sort((a, b) => a - b);
  const { stdout: fontList } = await run('pdffonts', [file]);
  // name type encoding emb sub uni object ID: the columns after the header lines
  const fonts = fontList.split('\n').slice(2).filter((l) => l.trim()).map((line) => {
    const cols = line.trim().split(/\s+/);
    const emb = cols.at(-5);
    return { name: cols[0] ?? '', type: cols.slice(1, -6).join(' '), embedded: emb === 'yes' };
  });
  await run('pdftoppm', ['-png', '-r', '72', '-f', '1', '-l', '1', '-singlefile', file, path.join(dir, 'page1')]);
  const pngFile = path.join(dir, 'page1.png');
  const png = fs.readFileSync(pngFile);
  return {
    text, pages,
    pageSize: w === 595 && h === 842 ? 'A4' : `${w}x${h}`,
    fonts,
    // the IHDR chunk: width and height as big-endian integers at bytes 16 and 20
    png: { file: pngFile, bytes: png.length, width: png.readUInt32BE(16), height: png.readUInt32BE(20) },
  };
}
