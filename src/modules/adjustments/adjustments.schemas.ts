// TypeBox schemas of adjustments (docs/scoring.md §5): plenary bonus or penalty points of a participant.
import { Type, type Static } from 'typebox';
import { ListOf, named, Nullable, Timestamp, Uuid } from '../../http/schemas.ts';

export const ParticipantParams = Type.Object({ periodId: Uuid, bodyId: Uuid });
export const AdjustmentParams = Type.Object({ periodId: Uuid, bodyId: Uuid, adjustmentId: Uuid });

export const AdjustmentCreate = named('AdjustmentCreate', Type.Object({
  points: Type.Union([Type.Number(), Type.String({ maxLength: 50 })], {
    description: 'a non-zero decimal (a JSON number or a decimal string such as "2.5"); negative for a penalty. '
      + 'Σ|points| of the participant may not exceed the period\'s maxAdjustment (422 naming body.points)',
    examples: [2],
  }),
  reason: Type.String({ minLength: 1, maxLength: 2000, description: 'why the plenary adjusts the score', examples: ['Kepala badan publik hadir langsung pada presentasi'] }),
}, { additionalProperties: false, examples: [{ points: 2, reason: 'Kepala badan publik hadir langsung pada presentasi' }] }));
export type AdjustmentCreate = Static<typeof AdjustmentCreate>;

export const Adjustment = named('Adjustment', Type.Object({
  id: Uuid,
  points: Type.Number({ description: 'the points as recorded (exact decimals up to what a JSON number holds)', examples: [2] }),
  reason: Type.String(),
  createdAt: Timestamp,
  createdBy: Nullable({ ...Uuid, description: 'the admin who recorded it; null for an API key' }),
}));

export const AdjustmentList = ListOf(Adjustment);
