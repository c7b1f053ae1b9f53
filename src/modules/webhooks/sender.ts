// The one HTTP request of a delivery attempt: POST the signed body, read the start of the answer.
// node:http(s) rather than fetch, because the connection's resolver can be replaced there: every
// address the host resolves to is checked (ssrf.ts) and the socket connects to a checked one.
import http from 'node:http';
import https from 'node:https';
import { guardedLookup, literalRefusal, RefusedAddress } from './ssrf.ts';

export interface Outgoing {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** aborts the request (the instance is shutting down) */
  signal?: AbortSignal;
}

/** The receiver's answer: its status and the first bytes of its body. */
export interface Answer {
  status: number;
  body: string;
}

/** Sends one delivery attempt; rejects when no answer came (refused address, network error, time-out). */
export type Sender = (out: Outgoing) => Promise<Answer>;

/** How much of an answer the delivery log keeps. */
export const EXCERPT_BYTES = 1024;

export interface HttpSender {
  send: Sender;
  /** closes the kept-alive connections */
  close(): void;
}

export function httpSender(allowPrivate: boolean): HttpSender {
  const lookup = guardedLookup(allowPrivate);
  // kept-alive connections: a busy receiver is not reconnected (and re-handshaken) for every event
  const agents = { http: new http.Agent({ keepAlive: true, maxSockets: 32 }), https: new https.Agent({ keepAlive: true, maxSockets: 32 }) };
  const send: Sender = (out) => new Promise<Answer>((resolve, reject) => {
    const url = new URL(out.url);
    const refusal = literalRefusal(url, allowPrivate);
    if (refusal) return reject(new RefusedAddress(refusal.en()));
    const timeout = AbortSignal.timeout(out.timeoutMs);
    const signal = out.signal ? AbortSignal.any([timeout, out.signal]) : timeout;
    const secure = url.protocol === 'https:';
    const request = (secure ? https : http).request(url, {
      method: 'POST',
      agent: secure ? agents.https : agents.http,
      lookup,
      signal,
      headers: { ...out.headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(out.body)), 'user-agent': 'kip-monev-webhooks' },
    }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        // enough for the log: the rest is not read (the connection is dropped, not reused)
        if (size >= EXCERPT_BYTES) response.destroy();
      });
      response.on('close', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8') }));
    });
    request.on('error', (err) => {
      if (timeout.aborted) reject(new Error(`no answer within ${out.timeoutMs / 1000} s`));
      else if (out.signal?.aborted) reject(new Error('interrupted: the instance was shutting down'));
      else reject(err);
    });
    request.end(out.body);
  });
  return {
    send,
    close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}
