// The language of a reply, from Accept-Language (RFC 9110 §12.5.4, q-values honoured, by the
// `negotiator` package). Bahasa Indonesia for `id`, any `id-XX`, and `in` (its ISO 639 code before
// 1989, still sent by old Java and Android clients); English for anything else or nothing.
import Negotiator from 'negotiator';
import type { IncomingHttpHeaders } from 'node:http';
import type { Lang } from './message.ts';

const OFFERED = ['en', 'id', 'in'];

export function languageOf(headers: IncomingHttpHeaders): Lang {
  if (!headers['accept-language']) return 'en';
  const best = new Negotiator({ headers }).language(OFFERED);
  return best === 'id' || best === 'in' ? 'id' : 'en';
}

