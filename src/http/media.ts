// Content negotiation for resources that are JSON or a document (the rapor: JSON or PDF), using the
// Accept parser of the exports. What cannot be served is a 406 that lists what can.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type, type TSchema } from 'typebox';
import { matches, parseAccept } from './exports.ts';
import { Problem } from './problems.ts';
import { t } from '../i18n/message.ts';

export const PDF_MEDIA = 'application/pdf';

/**
 * The first of `offered` (media types, the default first) the Accept header takes, by quality and
 * then the client's order; no Accept header, or a wildcard, gives the default. Sets `Vary: Accept`.
 */
export function chooseMedia<M extends string>(request: FastifyRequest, reply: FastifyReply, offered: readonly [M, ...M[]]): M {
  reply.header('vary', 'Accept');
  const header = request.headers.accept;
  if (!header || header.trim() === '') return offered[0];
  for (const range of parseAccept(header)) {
    if (range.q === 0) continue;
    const media = offered.find((m) => matches(range, m));
    if (media) return media;
  }
  throw new Problem('not_acceptable', t`This resource is available as ${offered.join(', ')}`, { extra: { available: [...offered] } });
}

/** The 200 of a route that answers JSON or a PDF document, for OpenAPI. */
export function jsonOrPdf(json: TSchema, description: string) {
  return {
    description,
    content: {
      'application/json': { schema: json },
      [PDF_MEDIA]: { schema: Type.String({ format: 'binary', description: 'an A4 PDF document in Indonesian, fonts embedded' }) },
    },
  };
}

/** The 200 of a route that answers a PDF document only. */
export function pdfOnly(description: string) {
  return { description, content: { [PDF_MEDIA]: { schema: Type.String({ format: 'binary', description }) } } };
}

/** Sends a PDF a browser shows inline (and saves under an ASCII version of `name`). */
export function sendPdf(reply: FastifyReply, name: string, pdf: Buffer) {
  const filename = `${name.normalize('NFKD').replace(/[^\w.-]+/g, '-').replace(/-+/g, '-')}.pdf`;
  return reply.type(PDF_MEDIA).header('content-disposition', `inline; filename="${filename}"`).send(pdf);
}
