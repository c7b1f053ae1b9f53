// The one HTTP client of the tests: app.inject with a bearer token, JSON or multipart bodies, and
// login. Tests and fixtures arrange and act through it, as a real client would. Every answer is
// checked against openapi/openapi.json (./contract.ts): one that breaks it fails the test.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { contract } from './contract.ts';
import { multipart, type MultipartOptions } from './multipart.ts';

export type Res = LightMyRequestResponse & { body: string; json: <T = any>() => T };

/** app.inject with a bearer token (null: none): `options` as app.inject takes them, the URL in full. */
export async function call(app: FastifyInstance, token: string | null, options: InjectOptions): Promise<Res> {
  const headers = { ...(options.headers ?? {}), ...(token ? { authorization: `Bearer ${token}` } : {}) };
  const res = await app.inject({ ...options, headers });
  const url = typeof options.url === 'string' ? options.url : options.url?.pathname ?? '/';
  contract().check({ method: options.method ?? 'GET', url, status: res.statusCode, headers: res.headers, body: res.body });
  return res;
}

/** fetch for tests against a listening server; the answer is checked like call()'s, so its body is read here. */
export async function fetchChecked(base: string, url: string, init: RequestInit = {}): Promise<{ status: number; headers: Headers; body: string }> {
  const res = await fetch(`${base}${url}`, init);
  const body = await res.text();
  contract().check({ method: init.method ?? 'GET', url, status: res.status, headers: Object.fromEntries(res.headers), body });
  return { status: res.status, headers: res.headers, body };
}

export async function login(app: FastifyInstance, username: string, password: string): Promise<string> {
  const res = await call(app, null, { method: 'POST', url: '/api/v1/auth/token', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  return res.json().accessToken;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A caller with one token; URLs are below /api/v1, payloads are sent as JSON. */
export function client(app: FastifyInstance, token: string | null) {
  const send = (method: Method) =>
    (url: string, payload?: unknown, headers: Record<string, string> = {}) =>
      call(app, token, { method, url: `/api/v1${url}`, ...(payload === undefined ? {} : { payload: payload as object }), headers });
  return {
    token,
    get: send('GET'), post: send('POST'), put: send('PUT'), patch: send('PATCH'), delete: send('DELETE'),
    /** POSTs one file as multipart/form-data */
    upload: (url: string, filename: string, content: Buffer | string, options: MultipartOptions & { headers?: Record<string, string> } = {}) => {
      const { payload, headers } = multipart(filename, content, options);
      return call(app, token, { method: 'POST', url: `/api/v1${url}`, payload, headers: { ...headers, ...options.headers } });
    },
  };
}
export type Client = ReturnType<typeof client>;

/** The response, or an error naming the status and body it got instead. */
export function expectStatus(res: Res, status: number): Res {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return res;
}
