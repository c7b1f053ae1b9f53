// Reading the one file of a multipart upload (evidence PDFs, body imports).
import type { Readable } from 'node:stream';
import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { Problem } from './problems.ts';
import { t, type Message } from '../i18n/message.ts';

// Refusing an upload half-way, the connection is closed rather than drained: the client may go on
// sending for as long as it likes.
const CLOSE = { connection: 'close' };

export interface Upload { filename: string | undefined; data: Buffer }

declare module 'fastify' {
  interface FastifyRequest {
    /** the file read by `uploadFirst`, for the handler */
    upload: Upload | null;
  }
}

/**
 * A route preHandler that reads the upload before the handler's unit of work opens its transaction,
 * so that a slow client holds no database connection while it sends. `limit` answers the size limit
 * (and may refuse the caller first, before a byte is read).
 */
export function uploadFirst(limit: (request: FastifyRequest) => Promise<number> | number, tooLargeDetail: (maxBytes: number) => Message): preHandlerAsyncHookHandler {
  return async (request) => {
    const maxBytes = await limit(request);
    request.upload = await readUpload(request, maxBytes, tooLargeDetail(maxBytes));
  };
}

/** The upload `uploadFirst` read (a route without that preHandler has none: a programming error). */
export function uploaded(request: FastifyRequest): Upload {
  if (!request.upload) throw new Error('this route reads no upload: add preHandler: uploadFirst(...)');
  return request.upload;
}

/**
 * The file of the multipart field `file`, at most `maxBytes` long (413 with `tooLargeDetail`
 * beyond). A second file is refused with 413 rather than silently dropped; other form fields are
 * ignored.
 */
export async function readUpload(request: FastifyRequest, maxBytes: number, tooLargeDetail: Message): Promise<Upload> {
  if (!request.isMultipart()) throw new Problem('unsupported_media_type', t`Upload the file as multipart/form-data in the field "file"`);
  const tooLarge = new Problem('too_large', tooLargeDetail, { extra: { maxBytes }, headers: CLOSE });
  let upload: Upload | undefined;
  try {
    for await (const part of request.parts({ limits: { fileSize: maxBytes, files: 1 } })) {
      if (part.type !== 'file') continue;
      if (part.fieldname !== 'file') {
        part.file.resume();
        throw new Problem('unprocessable', t`Upload the file in the field "file" (got "${part.fieldname}")`, { errors: [{ path: 'file', message: t`is required` }] });
      }
      upload = { filename: part.filename, data: await readAtMost(part.file, tooLarge) };
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge;
    if (code === 'FST_FILES_LIMIT') throw new Problem('too_large', t`Upload one file per request`, { errors: [{ path: 'file', message: t`only one file is allowed` }], headers: CLOSE });
    if (error instanceof Problem || (error as { statusCode?: number }).statusCode) throw error;
    // anything else here is busboy failing on the client's bytes (no boundary, a body cut short,
    // a malformed part header): bad input, not a fault of ours
    throw new Problem('bad_request', t`The multipart/form-data body is malformed (its boundary, a part header or the closing delimiter)`, { headers: CLOSE });
  }
  if (!upload) throw new Problem('unprocessable', t`No file was sent; upload it in the multipart field "file"`, { errors: [{ path: 'file', message: t`is required` }] });
  return upload;
}

/** The file's bytes; throws `tooLarge` as soon as busboy cuts the file at its size limit. */
async function readAtMost(file: Readable & { truncated?: boolean }, tooLarge: Problem): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of file) {
    if (file.truncated) throw tooLarge;
    chunks.push(chunk as Buffer);
  }
  if (file.truncated) throw tooLarge;
  return Buffer.concat(chunks);
}
