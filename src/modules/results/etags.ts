// ETags of the results reads: cheap ones from the period's score clock where it covers the answer,
// and ones from the content itself where no single timestamp does.
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Period } from '../periods/index.ts';

/** digests of the questions asked (kind, query, format): the same few are asked over and over */
const askedTags = new LRUCache<string, string>({ max: 1_000 });

/** A cheap ETag: the period's last score change and settings version, plus what was asked. */
export function liveTag(period: Period, kind: string, query: unknown, format: string): string {
  const question = JSON.stringify([kind, query, format]);
  let asked = askedTags.get(question);
  if (!asked) askedTags.set(question, asked = createHash('sha256').update(question).digest('base64url').slice(0, 16));
  return `"${kind}-${period.scoresChangedAt.getTime()}-${period.version}-${asked}"`;
}

/** An ETag from the content itself, for responses whose inputs no single timestamp covers. */
export function contentTag(kind: string, body: unknown, format: string): string {
  return `"${kind}-${createHash('sha256').update(JSON.stringify([body, format])).digest('base64url').slice(0, 27)}"`;
}
