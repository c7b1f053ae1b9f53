// Small helpers for the setup tests: a JSON client per token and multipart uploads.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { call } from '../helpers/app.ts';

export type Res = Awaited<ReturnType<typeof call>>;

export function client(app: FastifyInstance, token: string | null) {
  const send = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE') =>
    (url: string, payload?: unknown, headers: Record<string, string> = {}) =>
      call(app, token, { method, url: `/api/v1${url}`, ...(payload === undefined ? {} : { payload: payload as object }), headers });
  return { get: send('GET'), post: send('POST'), put: send('PUT'), patch: send('PATCH'), delete: send('DELETE') };
}
export type Client = ReturnType<typeof client>;

export function multipart(filename: string, content: Buffer | string, field = 'file') {
  const boundary = `----kip${randomBytes(8).toString('hex')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  const payload = Buffer.concat([Buffer.from(head), Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function upload(app: FastifyInstance, token: string, filename: string, content: Buffer | string, query = '', field = 'file') {
  const { payload, headers } = multipart(filename, content, field);
  return call(app, token, { method: 'POST', url: `/api/v1/bodies/import${query}`, payload, headers });
}

export const unique = (prefix: string) => `${prefix} ${randomBytes(4).toString('hex')}`;
