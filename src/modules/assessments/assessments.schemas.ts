// TypeBox schemas of the assessment workflow: answers, evidence, verifications, appeals, visitation,
// presentation and the score explanation. Answer values are left untyped here on purpose: the app's
// Ajv coerces types, which would turn ["web"] into "web"; values are checked per question type by
// the scoring module instead (422 naming the question).
import { Type, type Static } from 'typebox';
import { Band, named, Nullable, Score, Timestamp, Uuid } from '../../http/schemas.ts';
import { Adjustment } from '../adjustments/index.ts';

export const ParticipantParams = Type.Object({ periodId: Uuid, bodyId: Uuid });
export const FileParams = Type.Object({ periodId: Uuid, bodyId: Uuid, fileId: Uuid });
export const AppealParams = Type.Object({ periodId: Uuid, bodyId: Uuid, appealId: Uuid });

/** Limits of an answers batch, shared by `PUT …/answers` and the imports that build the same batch. */
export const ANSWER_LIMITS = { questionCode: 100, url: 2000, evidence: 20, batch: 2000 } as const;

const QuestionCode = Type.String({ minLength: 1, maxLength: ANSWER_LIMITS.questionCode, examples: ['2.1.1'] });

/** An answer's value, by question type (docs/scoring.md §3). Which one a question takes is its `type`. */
const AnswerValue = named('AnswerValue', Type.Union([
  Type.Boolean({ description: 'yes_no: whether it holds' }),
  Type.String({ description: 'choice: the value of one option' }),
  Type.Array(Type.String(), { description: 'checklist: the values of the items that hold' }),
], {
  description: 'yes_no: true/false; choice: an option value; checklist: a list of item values (docs/scoring.md §3)',
  examples: [true, 'full', ['web', 'desk']],
}));
const ValueOrNull = Nullable(AnswerValue);

export const EvidenceItem = Type.Union([
  Type.Object({ url: Type.String({ minLength: 1, maxLength: ANSWER_LIMITS.url, description: 'an http or https link', examples: ['https://ppid.bantenprov.go.id/dip'] }) }, { additionalProperties: false }),
  Type.Object({ fileId: Type.String({ format: 'uuid', description: 'an evidence file uploaded for this participant' }) }, { additionalProperties: false }),
]);

export const AnswersPut = named('AnswersPut', Type.Object({
  answers: Type.Array(Type.Object({
    question: QuestionCode,
    value: Type.Optional(ValueOrNull),
    evidence: Type.Optional(Type.Array(EvidenceItem, { maxItems: ANSWER_LIMITS.evidence, description: 'replaces the answer\'s evidence; omitted: kept as it is' })),
  }, { additionalProperties: false }), {
    minItems: 1, maxItems: ANSWER_LIMITS.batch,
    description: 'A batch of answers, upserted together; `value: null` removes an answer (a draft can be cleared).',
  }),
}, {
  additionalProperties: false,
  examples: [{ answers: [{ question: '2.1.1', value: true, evidence: [{ url: 'https://ppid.example.go.id/dip' }] }, { question: '2.1.3', value: ['web', 'desk'] }] }],
}));
export type AnswersPut = Static<typeof AnswersPut>;

export const Answer = named('Answer', Type.Object({
  question: QuestionCode,
  value: AnswerValue,
  evidence: Type.Array(EvidenceItem),
  updatedAt: Timestamp,
}));

export const AnswersResource = named('AnswersResource', Type.Object({
  participantId: Uuid,
  bodyId: Uuid,
  status: Type.Union([Type.Literal('enrolled'), Type.Literal('submitted'), Type.Literal('not_submitted')]),
  submittedAt: Nullable(Timestamp),
  version: Type.Integer({ description: 'the participant\'s version, also sent as the ETag; send it back in If-Match' }),
  answered: Type.Integer({ description: 'questions with an answer' }),
  total: Type.Integer({ description: 'questions in the participant\'s questionnaire' }),
  missingEvidence: Type.Array(QuestionCode, { description: 'answered questions with `evidence: "required"` and no evidence yet: they block submission' }),
  items: Type.Array(Answer),
}));

export const Submission = named('Submission', Type.Object({
  participantId: Uuid,
  status: Type.Union([Type.Literal('enrolled'), Type.Literal('submitted'), Type.Literal('not_submitted')]),
  submittedAt: Nullable(Timestamp),
  version: Type.Integer(),
  answered: Type.Integer(),
  total: Type.Integer(),
}));

export const EvidenceFile = named('EvidenceFile', Type.Object({
  id: Uuid,
  filename: Type.String({ examples: ['dip-2025.pdf'] }),
  contentType: Type.String({ examples: ['application/pdf'] }),
  size: Type.Integer({ description: 'bytes' }),
  sha256: Type.String({ description: 'hex SHA-256 of the content' }),
  uploadedBy: Nullable(Uuid),
  createdAt: Timestamp,
  downloadUrl: Type.String({ examples: ['/api/v1/periods/…/participants/…/evidence/…'] }),
}));

export const Decision = named('Decision', Type.Object({
  question: QuestionCode,
  decision: Type.Union([Type.Literal('accept'), Type.Literal('adjust')]),
  value: Type.Optional(AnswerValue),
  note: Type.Optional(Type.String({ maxLength: 4000 })),
}, { additionalProperties: false }));

export const VerificationsPut = named('VerificationsPut', Type.Object({
  decisions: Type.Array(Decision, { minItems: 1, maxItems: 2000 }),
}, {
  additionalProperties: false,
  examples: [{ decisions: [{ question: '2.1.1', decision: 'accept' }, { question: '2.1.2', decision: 'adjust', value: 'late', note: 'Laporan terbit Maret, bukan Januari' }] }],
}));
export type VerificationsPut = Static<typeof VerificationsPut>;

export const Verification = named('Verification', Type.Object({
  question: QuestionCode,
  decision: Type.Union([Type.Literal('accept'), Type.Literal('adjust')]),
  answer: { ...ValueOrNull, description: 'the body\'s answer (null when unanswered)' },
  value: { ...ValueOrNull, description: 'the verified value: the body\'s answer (accept) or the assessor\'s (adjust)' },
  note: Nullable(Type.String()),
  assessorId: Nullable(Uuid),
  updatedAt: Timestamp,
}));

export const VerificationsResource = named('VerificationsResource', Type.Object({
  participantId: Uuid,
  version: Type.Integer({ description: 'the participant\'s version, also the ETag' }),
  progress: Type.Object({ decided: Type.Integer(), total: Type.Integer() }),
  items: Type.Array(Verification),
}));

export const AppealCreate = named('AppealCreate', Type.Object({
  question: QuestionCode,
  reason: Type.String({ minLength: 1, maxLength: 4000, examples: ['DIP sudah diunggah sejak Januari, lihat tautan kedua'] }),
  evidence: Type.Optional(Type.Array(EvidenceItem, {
    maxItems: 20,
    description: 'the body\'s documents: `{ url }` (http/https) or `{ fileId }` (a PDF uploaded for this participant, also possible during the appeal stage)',
  })),
}, {
  additionalProperties: false,
  examples: [{ question: '1.1', reason: 'DIP dimutakhirkan 2 Januari 2025', evidence: [{ fileId: '6f0c2a9e-8b7d-4e0f-a1b2-c3d4e5f60718' }, { url: 'https://ppid.bantenprov.go.id/dip' }] }],
}));
export type AppealCreate = Static<typeof AppealCreate>;

export const AppealResolve = named('AppealResolve', Type.Object({
  status: Type.Union([Type.Literal('upheld'), Type.Literal('revised')], { description: 'upheld: the decision stays; revised: the verified value becomes `value`' }),
  note: Type.String({ minLength: 1, maxLength: 4000 }),
  value: Type.Optional(AnswerValue),
}, { additionalProperties: false, examples: [{ status: 'revised', note: 'Bukti diterima', value: true }] }));
export type AppealResolve = Static<typeof AppealResolve>;

export const Appeal = named('Appeal', Type.Object({
  id: Uuid,
  participantId: Uuid,
  question: QuestionCode,
  reason: Type.String(),
  evidence: Type.Array(EvidenceItem, { description: 'the documents filed with the appeal' }),
  status: Type.Union([Type.Literal('open'), Type.Literal('upheld'), Type.Literal('revised')]),
  resolutionNote: Nullable(Type.String()),
  revisedValue: ValueOrNull,
  filedBy: Nullable(Uuid),
  resolvedBy: Nullable(Uuid),
  resolvedAt: Nullable(Timestamp),
  createdAt: Timestamp,
  version: Type.Integer(),
}));

export const VisitationPut = named('VisitationPut', Type.Object({
  score: Type.Number({ minimum: 0, maximum: 100, description: '0–100, decimals allowed', examples: [85.5] }),
  notes: Type.Optional(Nullable(Type.String({ maxLength: 10000 }))),
}, {
  additionalProperties: false,
  examples: [{ score: 85.5, notes: 'Meja layanan informasi tersedia di lobi; daftar informasi publik terpajang dan mutakhir' }],
}));
export type VisitationPut = Static<typeof VisitationPut>;

export const Visitation = named('Visitation', Type.Object({
  participantId: Uuid,
  score: Score,
  notes: Nullable(Type.String()),
  assessorId: Nullable(Uuid),
  version: Type.Integer(),
}));

export const PresentationPut = named('PresentationPut', Type.Object({
  aspects: Type.Record(Type.String({ minLength: 1, maxLength: 100 }), Type.Number({ minimum: 0, maximum: 100 }), {
    description: 'every presentation aspect of the period, each 0–100',
    examples: [{ penguasaan_materi: 80, inovasi: 75, komitmen_pimpinan: 90 }],
  }),
}, { additionalProperties: false, examples: [{ aspects: { penguasaan_materi: 80, inovasi: 75, komitmen_pimpinan: 90 } }] }));
export type PresentationPut = Static<typeof PresentationPut>;

export const PresentationEntry = named('PresentationEntry', Type.Object({
  participantId: Uuid,
  jurorId: Uuid,
  aspects: Type.Record(Type.String(), Type.Number()),
  score: Type.Number({ description: 'the juror\'s weighted mean over the aspects, rounded half up to 2 decimals' }),
  updatedAt: Timestamp,
}));

export const PresentationList = named('PresentationList', Type.Object({
  participantId: Uuid,
  score: Nullable(Score),
  items: Type.Array(PresentationEntry, { description: 'every juror\'s scores; a juror sees only its own entry' }),
}));

const ExactScore = Type.String({ description: 'the exact unrounded value as a decimal string', examples: ['89.3766666666666666666666666666666666667'] });
const Fraction = Type.Number({ minimum: 0, maximum: 1, description: 's(q), rounded half up to 4 decimals' });

export const ParticipantScore = named('ParticipantScore', Type.Object({
  participantId: Uuid,
  bodyId: Uuid,
  status: Type.Union([Type.Literal('scored'), Type.Literal('provisional'), Type.Literal('not_submitted')]),
  selfAssessedSaq: Score,
  verifiedSaq: Score,
  stages: Type.Object({
    saq: Score,
    visitation: Type.Optional(Nullable(Score)),
    presentation: Type.Optional(Nullable(Score)),
  }),
  advanced: Type.Boolean({ description: 'whether the participant goes on to the later stages (docs/scoring.md §5)' }),
  advancementDecided: Type.Boolean({ description: 'false while a top_per_category rule waits for the verification to close' }),
  finalScore: Nullable(Score),
  finalScoreExact: Nullable(ExactScore),
  band: Nullable(Band),
  complete: Type.Boolean(),
  progress: Type.Object({ decided: Type.Integer(), total: Type.Integer() }, { description: 'verification progress' }),
  indicators: Type.Array(Type.Object({
    code: Type.String(), name: Type.String(), weight: Type.Number(),
    score: Score, contribution: Score, selfScore: Score,
    subIndicators: Type.Optional(Type.Array(Type.Object({
      code: Type.String({ examples: ['2.1'] }), name: Type.String({ examples: ['Daftar Informasi Publik'] }),
      score: { ...Score, description: 'Σ w·s / Σ w × 100 over its questions, verified answers (docs/scoring.md §8); not part of the SAQ' },
      selfScore: Score,
    }), { description: 'only for an indicator whose questions are grouped in sub-indicators' })),
  })),
  stageDetails: Type.Array(Type.Object({
    stage: Type.Union([Type.Literal('saq'), Type.Literal('visitation'), Type.Literal('presentation')]),
    label: Type.String({ description: 'the name the period shows the stage by (its stageLabels)', examples: ['Uji Publik'] }),
    weight: Type.Number({ description: 'the stage weight declared by the period' }),
    score: Nullable(Score),
    effectiveWeight: Type.Number({ description: 'the share (%) the stage has in the final score' }),
    contribution: Nullable(Type.Number()),
  }), { description: 'every stage of the period in the order it runs: saq, then its evaluationOrder' }),
  questions: Type.Array(Type.Object({
    code: Type.String(), indicator: Type.String(),
    subIndicator: Type.Optional(Type.String({ description: 'the sub-indicator the question is grouped under, when it is' })),
    text: Type.String(),
    type: Type.String(), weight: Type.Number(), evidence: Type.String(),
    selfValue: ValueOrNull, verifiedValue: ValueOrNull,
    selfScore: Fraction, verifiedScore: Fraction, decided: Type.Boolean(),
  })),
  adjustments: Type.Array(Adjustment, { description: 'plenary bonus or penalty points (nilai plus), oldest first (docs/scoring.md §5)' }),
  adjustmentTotal: Type.Number({ description: 'Σ points of the adjustments, rounded half up to 2 decimals; 0 without any' }),
  adjustmentsApplied: Type.Boolean({ description: 'whether finalScore includes the adjustments: only for a complete participant with status scored' }),
  baseScore: Nullable({ ...Score, description: 'the final score before adjustments (equal to finalScore when none are applied)' }),
  gap: Type.Object({
    nextBand: Nullable(Band),
    pointsNeeded: Nullable(Type.Number({ description: 'next band\'s min − the rounded (adjusted) final score' })),
    questions: Type.Array(Type.Object({
      question: Type.String(), indicator: Type.String(), text: Type.String(),
      verifiedScore: Fraction,
      gain: Type.Number({ description: 'final-score gain if this question alone were fully met, rounded half up to 2 decimals' }),
      gainExact: ExactScore,
    }), { description: 'questions with verified s(q) < 1, largest gain first (docs/scoring.md §8)' }),
  }),
}));

export const PeriodParams = Type.Object({ periodId: Uuid });

export const AnswersBulkImportResult = named('AnswersBulkImportResult', Type.Object({
  participants: Type.Integer({ description: 'bodies whose answers were written (rows with at least one filled cell)' }),
  answers: Type.Integer({ description: 'answers written: the filled question cells' }),
  format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]),
  rows: Type.Integer({ description: 'data rows read' }),
}, { examples: [{ participants: 42, answers: 1260, format: 'xlsx', rows: 42 }] }));
