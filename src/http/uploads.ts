// Reading the one file of a multipart upload (evidence PDFs, body imports).
import type { FastifyRequest } from 'fastify';
import { Problem } from './problems.ts';

export interface Upload { filename: string | undefined; data: Buffer }

/**
 * The file of the multipart field `file`, at most `maxBytes` long (413 with `tooLargeDetail`
 * beyond). A second file is refused with 413 rather than silently dropped; other form fields are
 * ignored. The whole request is read, so nothing is left half-parsed on the connection.
 */
export async function readUpload(request: FastifyRequest, maxBytes: number, tooLargeDetail: string): Promise<Upload> {
  if (!request.isMultipart()) throw new Problem('unsupported_media_type', 'Upload the file as multipart/form-data in the field "file"');
  let upload: Upload | undefined;
  try {
    for await (const part of request.parts({ limits: { fileSize: maxBytes, files: 1 } })) {
      if (part.type !== 'file') continue;
      if (part.fieldname !== 'file') {
        part.file.resume();
        throw new Problem('unprocessable', `Upload the file in the field "file" (got "${part.fieldname}")`, { errors: [{ path: 'file', message: 'is required' }] });
      }
      upload = { filename: part.filename, data: await part.toBuffer() };
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new Problem('too_large', tooLargeDetail, { extra: { maxBytes } });
    if (code === 'FST_FILES_LIMIT') throw new Problem('too_large', 'Upload one file per request', { errors: [{ path: 'file', message: 'only one file is allowed' }] });
    throw error;
  }
  if (!upload) throw new Problem('unprocessable', 'No file was sent; upload it in the multipart field "file"', { errors: [{ path: 'file', message: 'is required' }] });
  return upload;
}
