// Evidence files (bukti dukung): PDFs uploaded by the body's respondent while answering or, for its
// appeals, during the masa sanggah; checked by content (the `%PDF-` signature), not by name or
// declared type; at most period.evidenceMaxBytes. Downloads are authorized like the answers they support.
import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Db } from '../../db/client.ts';
import type { RequestContext } from '../../http/context.ts';
import type { Work } from '../../http/unit-of-work.ts';
import type { Upload } from '../../http/uploads.ts';
import { decodeCursor, page } from '../../http/pagination.ts';
import { notFound, Problem } from '../../http/problems.ts';
import type { BlobStore } from '../../storage/blob-store.ts';
import { loadParticipant, type Participant } from '../participants/access.ts';
import { assertBeforeDeadline, assertStage, type Period } from '../periods/index.ts';
import { evidencePage, findEvidenceFile, insertEvidenceFile, type EvidenceRow } from './assessments.repo.ts';
import { assertRole, type ParticipantIds } from './common.ts';
import { t } from '../../i18n/message.ts';

const PDF_SIGNATURE = Buffer.from('%PDF-', 'latin1');

function dto(row: EvidenceRow, periodId: string, bodyId: string) {
  return {
    id: row.id, filename: row.filename, contentType: row.contentType, size: row.size, sha256: row.sha256,
    uploadedBy: row.uploadedBy, createdAt: row.createdAt.toISOString(),
    downloadUrl: `/api/v1/periods/${periodId}/participants/${bodyId}/evidence/${row.id}`,
  };
}

/** A filename safe to store and to send back in Content-Disposition. */
function cleanName(name: string | undefined): string {
  const base = [...path.basename((name ?? '').replaceAll('\\', '/'))].filter((ch) => ch >= ' ' && ch !== '\u007f' && ch !== '"').join('').trim();
  return (base || 'evidence.pdf').slice(0, 200);
}

/**
 * Evidence is uploaded while answering (stage `saq`, before submission, until the SAQ deadline) and
 * for appeals (stage `appeal` of a period that has one, by a body that submitted, until the appeal
 * deadline); either deadline yields to the participant's extension.
 */
function assertUploading(period: Period, participant: Participant): void {
  const action = t`Uploading evidence`;
  assertStage(period, period.hasAppeal ? ['saq', 'appeal'] : ['saq'], action);
  if (period.stage === 'saq') {
    if (participant.status === 'submitted') throw new Problem('conflict', t`The SAQ has been submitted and is locked; an admin can reopen it`);
    assertBeforeDeadline(period, participant, 'saq', action);
  } else {
    if (participant.status !== 'submitted') throw new Problem('conflict', t`Only a body that submitted its SAQ can appeal, and upload evidence for it`, { extra: { participantStatus: participant.status } });
    assertBeforeDeadline(period, participant, 'appeal', action);
  }
}

/** The caller may upload for this participant now; returns the size limit. Checked before reading the file. */
export async function uploadLimit(db: Db, c: RequestContext, periodId: string, bodyId: string): Promise<number> {
  const { period, participant } = await loadParticipant(db, c, periodId, bodyId);
  assertRole(c, 'respondent', t`Uploading evidence`);
  assertUploading(period, participant);
  return period.evidenceMaxBytes;
}

export async function storeEvidence(work: Work, blobs: BlobStore, ids: ParticipantIds, file: Upload) {
  const c = work.ctx;
  const { periodId, bodyId } = ids;
  if (file.data.length === 0) throw new Problem('unprocessable', t`The file is empty`, { errors: [{ path: 'file', message: t`is empty` }] });
  if (file.data.length < PDF_SIGNATURE.length || !file.data.subarray(0, PDF_SIGNATURE.length).equals(PDF_SIGNATURE)) {
    throw new Problem('unsupported_media_type', t`Evidence files must be PDF documents (the content does not start with %PDF-)`);
  }
  const id = randomUUID();
  const storageKey = `evidence/${c.commissionId}/${id}`;
  const sha256 = createHash('sha256').update(file.data).digest('hex');
  const { tx } = work;
  try {
    // re-checked under the row lock: the stage, the submission or the deadline may have moved while uploading
    const { period, participant } = await loadParticipant(tx, c, periodId, bodyId, { forUpdate: true });
    assertUploading(period, participant);
    if (file.data.length > period.evidenceMaxBytes) {
      throw new Problem('too_large', t`Evidence files are limited to ${period.evidenceMaxBytes} bytes in this period`, { extra: { maxBytes: period.evidenceMaxBytes } });
    }
    const inserted = await insertEvidenceFile(tx, {
      id, commissionId: c.commissionId, participantId: participant.id, filename: cleanName(file.filename),
      contentType: 'application/pdf', size: file.data.length, sha256, storageKey, uploadedBy: c.principal.id,
    });
    await work.audit({
      action: 'evidence.upload', entityType: 'evidence_file', entityId: id,
      after: { participantId: participant.id, filename: inserted.filename, size: inserted.size, sha256 },
    });
    // stored last so a refused upload leaves nothing behind; a failed commit leaves an orphan blob
    // that no row names (never a row without its blob)
    await blobs.put(storageKey, file.data);
    return dto(inserted, periodId, bodyId);
  } catch (error) {
    await blobs.delete(storageKey).catch(() => {});
    throw error;
  }
}

export async function listEvidence(db: Db, c: RequestContext, periodId: string, bodyId: string, query: { limit?: number; cursor?: string }) {
  const { participant } = await loadParticipant(db, c, periodId, bodyId);
  const limit = query.limit ?? 50;
  const after = decodeCursor(query.cursor, 1) as [string] | null;
  if (after && typeof after[0] !== 'string') throw new Problem('validation_failed', t`The cursor is not valid`, { errors: [{ path: 'querystring.cursor', message: t`is not valid` }] });
  const rows = await evidencePage(db, participant.id, { afterId: after ? after[0] : undefined, limit: limit + 1 });
  const { items, nextCursor } = page(rows, limit, (r) => [r.id]);
  return { items: items.map((r) => dto(r, periodId, bodyId)), nextCursor };
}

export async function readEvidence(db: Db, blobs: BlobStore, c: RequestContext, periodId: string, bodyId: string, fileId: string) {
  const { participant } = await loadParticipant(db, c, periodId, bodyId);
  const row = await findEvidenceFile(db, participant.id, fileId);
  if (!row) throw notFound(t`Evidence file`);
  return { file: dto(row, periodId, bodyId), data: await blobs.get(row.storageKey) };
}
