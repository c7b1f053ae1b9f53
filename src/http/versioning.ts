// ETags for versioned rows and If-Match / If-None-Match handling.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Problem } from './problems.ts';
import { t } from '../i18n/message.ts';

export function etag(version: number | string): string {
  return `"${version}"`;
}

/** 412 when the client sent If-Match and it no longer names the current version. */
export function assertIfMatch(header: string | undefined, currentVersion: number): void {
  if (header === undefined || header.trim() === '*') return;
  const tags = header.split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (!tags.includes(etag(currentVersion))) {
    throw new Problem('stale', t`The resource is at version ${currentVersion}; read it again and retry`, { extra: { currentVersion } });
  }
}

/** Sets the ETag and answers 304 when the client already has it. Returns true when 304 was sent. */
export function notModified(request: FastifyRequest, reply: FastifyReply, tag: string): boolean {
  reply.header('etag', tag);
  const header = request.headers['if-none-match'];
  if (header && header.split(',').map((t) => t.trim().replace(/^W\//, '')).includes(tag)) {
    reply.code(304).send();
    return true;
  }
  return false;
}
