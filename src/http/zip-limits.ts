// The size check of an XLSX (a ZIP archive) before anything parses it: a 0.2 MB workbook can
// unpack to gigabytes. yauzl reads the central directory without inflating, so the declared sizes
// are refused first at no cost; then every file is inflated as a stream and thrown away, counting
// bytes, because the declared sizes are the attacker's to write: yauzl stops a stream as soon as it
// yields more than its entry declared (validateEntrySizes), so at most `maxBytes` are ever inflated.
import yauzl from 'yauzl';
import { t } from '../i18n/message.ts';
import { Problem } from './problems.ts';
import type { ImportError } from './spreadsheet-parse.ts';

/** An XLSX has about a dozen files; thousands are a directory bomb, not a workbook. */
const MAX_ENTRIES = 10_000;

export const tooLargeUnpacked = (maxBytes: number) => new Problem('too_large',
  t`The workbook unpacks to more than the limit of ${maxBytes} bytes (${(maxBytes / 1_048_576).toFixed(1)} MB; IMPORT_MAX_UNPACKED_BYTES)`,
  { extra: { limit: 'IMPORT_MAX_UNPACKED_BYTES', maxBytes } });

const unreadableErrors: ImportError[] = [{ path: 'file', row: null, column: null, message: t`is not a readable ZIP archive` }];
const unreadable = () => new Problem('unprocessable', t`The file looks like a ZIP archive but is not a readable XLSX workbook`, { errors: unreadableErrors });

function open(buffer: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (err, zip) => (err ? reject(unreadable()) : resolve(zip)));
  });
}

/** The archive's entries as its central directory declares them (nothing is inflated). */
function entries(zip: yauzl.ZipFile, maxBytes: number): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const list: yauzl.Entry[] = [];
    let declared = 0;
    zip.on('entry', (entry: yauzl.Entry) => {
      declared += entry.uncompressedSize;
      if (declared > maxBytes) return reject(tooLargeUnpacked(maxBytes));
      if (list.push(entry) > MAX_ENTRIES) return reject(new Problem('unprocessable', t`The workbook holds more than ${MAX_ENTRIES} files; it is not a spreadsheet this service reads`));
      zip.readEntry();
    });
    zip.on('end', () => resolve(list));
    zip.on('error', () => reject(unreadable()));
    zip.readEntry();
  });
}

/** Inflates one entry into nothing, adding its bytes to `counted`; refuses past `maxBytes` in all. */
function drain(zip: yauzl.ZipFile, entry: yauzl.Entry, counted: { bytes: number }, maxBytes: number): Promise<void> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err) return reject(unreadable());
      stream.on('data', (chunk: Buffer) => {
        counted.bytes += chunk.length;
        if (counted.bytes > maxBytes) {
          stream.destroy();
          reject(tooLargeUnpacked(maxBytes));
        }
      });
      // yauzl's own check: more (or fewer) bytes than the entry declared, i.e. a lying header
      stream.on('error', (e: Error) => reject(/too many bytes/.test(e.message) ? tooLargeUnpacked(maxBytes) : unreadable()));
      stream.on('end', resolve);
    });
  });
}

/** Resolves when the archive unpacks to at most `maxBytes`; a `too_large` or `unprocessable` Problem otherwise. */
export async function checkUnpackedSize(buffer: Buffer, maxBytes: number): Promise<void> {
  const zip = await open(buffer);
  try {
    const list = await entries(zip, maxBytes);
    const counted = { bytes: 0 };
    for (const entry of list) {
      if (!entry.fileName.endsWith('/')) await drain(zip, entry, counted, maxBytes);
    }
  } finally {
    zip.close();
  }
}
