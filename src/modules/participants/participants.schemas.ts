// TypeBox schemas of participants (enrolment) and their assignments.
import { Type, type Static } from 'typebox';
import { named, Nullable, Score, Timestamp, Uuid } from '../../http/schemas.ts';

export const Participant = named('Participant', Type.Object({
  id: Uuid,
  periodId: Uuid,
  bodyId: Uuid,
  bodyName: Type.String({ examples: ['Dinas Komunikasi, Informatika, Statistik dan Persandian'] }),
  categoryId: Uuid,
  status: Type.Union([Type.Literal('enrolled'), Type.Literal('submitted'), Type.Literal('not_submitted')]),
  submittedAt: Nullable(Timestamp),
  advanced: Nullable(Type.Boolean({ description: 'null until the advancement rule decided' })),
  finalScore: Nullable(Score),
  bandCode: Nullable(Type.String()),
  complete: Type.Boolean(),
  extension: Nullable(Type.Object({ until: Timestamp, reason: Type.String() }, {
    description: 'the plenary extension of the SAQ and appeal deadlines for this body, if any',
  })),
  assessorIds: Type.Array(Uuid),
  jurorIds: Type.Array(Uuid),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer(),
}));

export const Enrol = named('Enrol', Type.Object({
  bodyIds: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 10_000, uniqueItems: true })),
  categoryId: Type.Optional(Uuid),
}, {
  additionalProperties: false,
  description: 'Either a list of bodies, or a category (every active body of it). Bodies already enrolled are skipped.',
  examples: [{ categoryId: '0b5e8c1e-7d0a-4c53-9a3e-2f1a9f0c1d11' }],
}));
export type Enrol = Static<typeof Enrol>;

export const EnrolResult = named('EnrolResult', Type.Object({
  enrolled: Type.Integer({ description: 'participants created by this request' }),
  alreadyEnrolled: Type.Integer({ description: 'bodies that were already participants (skipped)' }),
  items: Type.Array(Participant, { description: 'the participants created' }),
}));

export const Assignments = named('Assignments', Type.Object({
  assessorIds: Type.Array(Uuid, { maxItems: 50, uniqueItems: true }),
  jurorIds: Type.Array(Uuid, { maxItems: 50, uniqueItems: true }),
}, { additionalProperties: false, description: 'Replaces the participant\'s assessors and jurors.', examples: [{ assessorIds: ['4f1c2a9e-8b7d-4e0f-a1b2-c3d4e5f60718'], jurorIds: [] }] }));
export type Assignments = Static<typeof Assignments>;

export const AssignmentsResult = named('AssignmentsResult', Type.Object({
  participantId: Uuid,
  bodyId: Uuid,
  assessorIds: Type.Array(Uuid),
  jurorIds: Type.Array(Uuid),
}));

export const ExtensionPut = named('ExtensionPut', Type.Object({
  until: Timestamp,
  reason: Type.String({ minLength: 1, maxLength: 2000, examples: ['Keputusan pleno 30 September 2025: kendala sistem saat pengisian SAQ'] }),
}, {
  additionalProperties: false,
  description: 'The body may write after the period\'s SAQ and appeal deadlines until `until` (a time in the future).',
  examples: [{ until: '2025-10-10T16:59:59Z', reason: 'Keputusan pleno 30 September 2025: kendala sistem saat pengisian SAQ' }],
}));
export type ExtensionPut = Static<typeof ExtensionPut>;

export const Extension = named('Extension', Type.Object({ until: Timestamp, reason: Type.String() }));

export const PeriodParams = Type.Object({ periodId: Uuid });
export const ParticipantParams = Type.Object({ periodId: Uuid, bodyId: Uuid });

export const ParticipantListQuery = Type.Object({
  categoryId: Type.Optional(Uuid),
  status: Type.Optional(Type.Union([Type.Literal('enrolled'), Type.Literal('submitted'), Type.Literal('not_submitted')])),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'part of the body name, case- and accent-insensitive' })),
  assignedTo: Type.Optional(Uuid),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  cursor: Type.Optional(Type.String()),
}, { additionalProperties: false });
export type ParticipantListQuery = Static<typeof ParticipantListQuery>;
