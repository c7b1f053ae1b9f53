// The one multipart/form-data builder of the tests, and the small files they upload.
import { randomBytes } from 'node:crypto';

export interface Part {
  /** the form field, `file` for every upload route */
  name: string;
  /** absent: a plain text field */
  filename?: string;
  /** absent: no Content-Type line in the part */
  contentType?: string;
  data: Buffer | string;
}

const TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The content type a browser would send for this filename (the routes check the content, not this). */
export function contentTypeOf(filename: string): string {
  return TYPES[filename.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
}

/** The raw body: each part, then the closing boundary unless `close` is false (a body cut short). */
export function multipartBody(parts: Part[], boundary: string, close = true): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename === undefined ? '' : `; filename="${p.filename}"`}`;
    const type = p.contentType ? `Content-Type: ${p.contentType}\r\n` : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`), Buffer.from(p.data), Buffer.from('\r\n'));
  }
  if (close) chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

export interface MultipartOptions {
  /** the form field (default `file`) */
  field?: string;
  /** default: by the filename's extension */
  contentType?: string;
  boundary?: string;
  /** parts sent after the file */
  more?: Part[];
}

/** One file upload as `app.inject` options: `{ payload, headers }`. */
export function multipart(filename: string, content: Buffer | string, options: MultipartOptions = {}) {
  const boundary = options.boundary ?? `----kip${randomBytes(8).toString('hex')}`;
  const file: Part = { name: options.field ?? 'file', filename, contentType: options.contentType ?? contentTypeOf(filename), data: content };
  return {
    payload: multipartBody([file, ...(options.more ?? [])], boundary),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** A PDF of `size` bytes, as the evidence routes accept it (they check the %PDF- signature). */
export function pdf(size = 300): Buffer {
  const head = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj << /Type /Catalog >> endobj\n', 'latin1');
  const tail = Buffer.from('\n%%EOF\n', 'latin1');
  return Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length - tail.length), 0x20), tail]);
}
