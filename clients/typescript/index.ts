// A typed client for the kip-monev API: openapi-fetch over the types generated from the OpenAPI
// document (schema.d.ts), a bearer-token middleware, and `unwrap` for callers who want the answer
// or an exception carrying the RFC 9457 problem. Paths, parameters, bodies and answers are checked
// by the compiler against the document; nothing here knows an endpoint by hand.
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema.d.ts';

export type { components, operations, paths } from './schema.d.ts';

/** The document's named schemas, e.g. `Schemas['Problem']`. */
export type Schemas = components['schemas'];

/** An RFC 9457 problem: what every error of the API answers (application/problem+json). */
export type Problem = Schemas['Problem'];

/**
 * The media types the client types its answers with: JSON, and problem+json for errors. CSV and
 * XLSX are asked for per call (`headers: { accept: 'text/csv' }, parseAs: 'text'`). Without this
 * the answer of a list that also speaks CSV would be typed as "the JSON or a string".
 */
type Json = 'application/json' | 'application/problem+json';

export type KipClient = Client<paths, Json>;

export interface KipClientOptions {
  /** the server's origin, e.g. `https://monev.example.go.id`: the document's paths start with /api/v1 */
  baseUrl: string;
  /**
   * A JWT access token or a `kip_` API key, sent as `Authorization: Bearer`. A function is asked
   * before every request, so a caller can hand out a refreshed token (JWTs live 15 minutes).
   */
  token?: string | (() => string | Promise<string>);
  /** a fetch of your own (a proxy, a test); the global fetch otherwise */
  fetch?: (request: Request) => Promise<Response>;
}

export function createKipClient(options: KipClientOptions): KipClient {
  const client = createClient<paths, Json>({ baseUrl: options.baseUrl, ...(options.fetch ? { fetch: options.fetch } : {}) });
  if (options.token !== undefined) client.use(bearer(options.token));
  return client;
}

function bearer(token: NonNullable<KipClientOptions['token']>): Middleware {
  return {
    async onRequest({ request }) {
      request.headers.set('authorization', `Bearer ${typeof token === 'function' ? await token() : token}`);
    },
  };
}

/** A non-2xx answer: its status and, when the server sent one, the problem (code, detail, errors). */
export class KipApiError extends Error {
  override readonly name = 'KipApiError';

  constructor(
    readonly status: number,
    readonly problem: Problem | undefined,
    readonly response: Response,
  ) {
    super(problem ? `${status} ${problem.code}: ${problem.detail}` : `${status} ${response.statusText}`);
  }
}

/** What a call answers when it succeeds: the success member of openapi-fetch's result. */
type Data<R> = R extends { data: infer D; error?: never } ? D : never;

/**
 * The data of a successful call, or a thrown KipApiError:
 * `const period = await unwrap(kip.POST('/api/v1/periods', { body }))`.
 * A 304 (a read with If-None-Match) is not a success either: check `response.status` without it.
 */
export async function unwrap<R extends { data?: unknown; error?: unknown; response: Response }>(pending: Promise<R>): Promise<Data<R>> {
  const { data, error, response } = await pending;
  if (!response.ok) throw new KipApiError(response.status, isProblem(error) ? error : undefined, response);
  return data as Data<R>;
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'status' in value && 'code' in value;
}
