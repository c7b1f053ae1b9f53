// The one description of the database. Migrations in migrations/ are generated from this file
// by drizzle-kit (`npm run db:generate`); hand-written SQL (triggers) lives in custom migrations.
import { sql } from 'drizzle-orm';
import {
  bigint, bigserial, boolean, date, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';
import type { AnswerValue, PeriodScoring, Questionnaire } from '../scoring/types.ts';

const id = () => uuid('id').primaryKey().default(sql`gen_random_uuid()`);
const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const version = () => integer('version').notNull().default(1);
/** Scores and weights: exact decimals, never floating point. */
const score = (name: string) => numeric(name, { precision: 60, scale: 30 });

/**
 * When each stage is planned to end (ISO 8601). `saq` and `appeal` are enforced on the respondent's
 * writes (unless the participant has a later extension); the others are informational.
 */
export type PeriodDeadlines = Partial<Record<'saq' | 'verification' | 'appeal' | 'visitation' | 'presentation' | 'deliberation', string>>;
/** An answer's evidence: a link, or a file uploaded for the participant. */
export type AnswerEvidence = { url: string } | { fileId: string };

export const commissions = pgTable('commissions', {
  id: id(),
  name: text('name').notNull(),
  level: text('level', { enum: ['pusat', 'provinsi', 'kabupaten_kota'] }).notNull(),
  region: text('region'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  version: version(),
});

export const categories = pgTable('categories', {
  id: id(),
  commissionId: uuid('commission_id').notNull().references(() => commissions.id),
  code: text('code').notNull(),
  name: text('name').notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  version: version(),
}, (t) => [uniqueIndex('categories_commission_code_key').on(t.commissionId, t.code)]);

export const bodies = pgTable('bodies', {
  id: id(),
  commissionId: uuid('commission_id').notNull().references(() => commissions.id),
  categoryId: uuid('category_id').notNull().references(() => categories.id),
  name: text('name').notNull(),
  /** lower-cased, accents removed: what name search matches against */
  searchName: text('search_name').notNull(),
  ppidName: text('ppid_name'),
  email: text('email'),
  phone: text('phone'),
  website: text('website'),
  region: text('region'),
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  version: version(),
}, (t) => [
  uniqueIndex('bodies_commission_search_name_key').on(t.commissionId, t.searchName),
  index('bodies_category_idx').on(t.categoryId),
]);

export const users = pgTable('users', {
  id: id(),
  /** null only for the platform superadmin */
  commissionId: uuid('commission_id').references(() => commissions.id),
  username: text('username').notNull(),
  displayName: text('display_name'),
  role: text('role', { enum: ['superadmin', 'admin', 'assessor', 'juror', 'respondent', 'viewer'] }).notNull(),
  /** respondents answer for exactly one body */
  bodyId: uuid('body_id').references(() => bodies.id),
  passwordHash: text('password_hash').notNull(),
  /** in every token issued to the user (claim `tv`); a new password bumps it, which ends the older tokens */
  tokenVersion: integer('token_version').notNull().default(0),
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  version: version(),
}, (t) => [
  uniqueIndex('users_username_key').on(t.username),
  index('users_commission_idx').on(t.commissionId),
  index('users_body_idx').on(t.bodyId),
]);

export const apiKeys = pgTable('api_keys', {
  id: id(),
  commissionId: uuid('commission_id').notNull().references(() => commissions.id),
  name: text('name').notNull(),
  /** the first characters of the key, shown in lists so admins can tell keys apart */
  prefix: text('prefix').notNull(),
  keyHash: text('key_hash').notNull(),
  scopes: text('scopes').array().notNull(),
  createdBy: uuid('created_by').notNull().references(() => users.id),
  createdAt: createdAt(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
  revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
}, (t) => [
  uniqueIndex('api_keys_key_hash_key').on(t.keyHash),
  index('api_keys_commission_idx').on(t.commissionId),
  index('api_keys_created_by_idx').on(t.createdBy),
]);

/** Login attempt counters, kept in the database so the limit holds across API instances. */
/**
 * Failed logins per (account, address) and per address (modules/auth/throttle.ts): how many since
 * the counter was last forgotten, and when the last one came, from which the next attempt's delay runs.
 */
export const loginFailures = pgTable('login_failures', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  lastAt: timestamp('last_at', { withTimezone: true, mode: 'date' }).notNull(),
});

export const auditEvents = pgTable('audit_events', {
  id: id(),
  /** monotonic order for cursors */
  seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
  commissionId: uuid('commission_id').references(() => commissions.id),
  actorId: uuid('actor_id'),
  actorType: text('actor_type', { enum: ['user', 'api_key', 'system'] }).notNull(),
  action: text('action').notNull(),
  entityType: text('entity_type').notNull(),
  entityId: text('entity_id'),
  before: jsonb('before'),
  after: jsonb('after'),
  reason: text('reason'),
  requestId: text('request_id'),
  createdAt: createdAt(),
}, (t) => [
  index('audit_events_commission_seq_idx').on(t.commissionId, t.seq),
  index('audit_events_entity_idx').on(t.entityType, t.entityId),
]);

export const periods = pgTable('periods', {
  id: id(),
  commissionId: uuid('commission_id').notNull().references(() => commissions.id),
  year: integer('year').notNull(),
  title: text('title').notNull(),
  stage: text('stage', { enum: ['draft', 'saq', 'verification', 'appeal', 'visitation', 'presentation', 'deliberation', 'closed'] })
    .notNull().default('draft'),
  /** docs/scoring.md §5 shapes, validated by the scoring module */
  stages: jsonb('stages').$type<PeriodScoring['stages']>().notNull(),
  presentationAspects: jsonb('presentation_aspects').$type<PeriodScoring['presentationAspects']>().notNull().default({}),
  advancement: jsonb('advancement').$type<PeriodScoring['advancement']>().notNull(),
  bands: jsonb('bands').$type<PeriodScoring['bands']>().notNull(),
  nonSubmitters: text('non_submitters').$type<PeriodScoring['nonSubmitters']>().notNull().default('not_scored'),
  /** the evaluation stages in the order they run; [] (periods from before the setting): the default order */
  evaluationOrder: jsonb('evaluation_order').$type<NonNullable<PeriodScoring['evaluationOrder']>>().notNull().default([]),
  /** stage → display name, only the ones the commission chose (defaults: scoring/evaluation-order.ts) */
  stageLabels: jsonb('stage_labels').$type<NonNullable<PeriodScoring['stageLabels']>>().notNull().default({}),
  /** the largest Σ|points| of a participant's adjustments (docs/scoring.md §5); 0: none allowed */
  maxAdjustment: jsonb('max_adjustment').$type<number | string>().notNull().default(0),
  hasAppeal: boolean('has_appeal').notNull().default(false),
  /** which verification decisions may be appealed: only adjusted answers (default) or any decided one */
  appealOn: text('appeal_on', { enum: ['adjusted', 'any'] }).notNull().default('adjusted'),
  deadlines: jsonb('deadlines').$type<PeriodDeadlines>().notNull().default({}),
  evidenceMaxBytes: integer('evidence_max_bytes').notNull().default(2 * 1024 * 1024),
  jurorDeviationThreshold: numeric('juror_deviation_threshold').notNull().default('15'),
  /** bumped whenever any participant's materialised score changes: the rankings ETag */
  scoresChangedAt: timestamp('scores_changed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  version: version(),
}, (t) => [index('periods_commission_idx').on(t.commissionId, t.year)]);

export const questionnaires = pgTable('questionnaires', {
  id: id(),
  commissionId: uuid('commission_id').notNull().references(() => commissions.id),
  periodId: uuid('period_id').notNull().references(() => periods.id),
  code: text('code').notNull(),
  title: text('title').notNull(),
  /** the validated docs/scoring.md §2 questionnaire */
  definition: jsonb('definition').$type<Questionnaire>().notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  version: version(),
}, (t) => [
  uniqueIndex('questionnaires_period_code_key').on(t.periodId, t.code),
  index('questionnaires_commission_idx').on(t.commissionId),
]);

/** Which questionnaire a category uses in a period: at most one per category and period. */
export const questionnaireCategories = pgTable('questionnaire_categories', {
  questionnaireId: uuid('questionnaire_id').notNull().references(() => questionnaires.id, { onDelete: 'cascade' }),
  periodId: uuid('period_id').notNull().references(() => periods.id),
  categoryId: uuid('category_id').notNull().references(() => categories.id),
}, (t) => [
  primaryKey({ columns: [t.questionnaireId, t.categoryId] }),
  uniqueIndex('questionnaire_categories_period_category_key').on(t.periodId, t.categoryId),
  index('questionnaire_categories_category_idx').on(t.categoryId),
]);

export const participants = pgTable('participants', {
  id: id(),
  commissionId: uuid('commission_id').notNull().references(() => commissions.id),
  periodId: uuid('period_id').notNull().references(() => periods.id),
  bodyId: uuid('body_id').notNull().references(() => bodies.id),
  /** the body's category when it was enrolled: rankings group by it */
  categoryId: uuid('category_id').notNull().references(() => categories.id),
  /** enrolled → submitted, or not_submitted when the SAQ stage closed without a submission */
  status: text('status', { enum: ['enrolled', 'submitted', 'not_submitted'] }).notNull().default('enrolled'),
  submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }),
  /** a plenary extension of the SAQ or appeal deadline for this body: writes allowed until then */
  extensionUntil: timestamp('extension_until', { withTimezone: true, mode: 'date' }),
  extensionReason: text('extension_reason'),
  /** null until decided; set by the advancement rule (or when verification closes for top_per_category) */
  advanced: boolean('advanced'),
  visitationScore: score('visitation_score'),
  visitationNotes: text('visitation_notes'),
  visitationBy: uuid('visitation_by').references(() => users.id),
  // Materialised scores (docs/scoring.md), recomputed in the transaction of the change that moved them.
  selfAssessedSaq: score('self_assessed_saq'),
  verifiedSaq: score('verified_saq'),
  saqStageScore: score('saq_stage_score'),
  visitationStageScore: score('visitation_stage_score'),
  presentationStageScore: score('presentation_stage_score'),
  finalScore: score('final_score'),
  /** half up to 2 decimals: what rankings order by */
  finalScoreRounded: numeric('final_score_rounded', { precision: 5, scale: 2 }),
  bandCode: text('band_code'),
  complete: boolean('complete').notNull().default(false),
  indicatorScores: jsonb('indicator_scores'),
  decidedCount: integer('decided_count').notNull().default(0),
  questionCount: integer('question_count').notNull().default(0),
  scoredAt: timestamp('scored_at', { withTimezone: true, mode: 'date' }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  version: version(),
}, (t) => [
  uniqueIndex('participants_period_body_key').on(t.periodId, t.bodyId),
  index('participants_period_rank_idx').on(t.periodId, t.finalScoreRounded),
  index('participants_body_idx').on(t.bodyId),
  index('participants_category_idx').on(t.categoryId),
  index('participants_commission_idx').on(t.commissionId),
  index('participants_visitation_by_idx').on(t.visitationBy),
]);

export const assignments = pgTable('assignments', {
  participantId: uuid('participant_id').notNull().references(() => participants.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => users.id),
  role: text('role', { enum: ['assessor', 'juror'] }).notNull(),
}, (t) => [
  primaryKey({ columns: [t.participantId, t.userId, t.role] }),
  index('assignments_user_idx').on(t.userId),
]);

export const evidenceFiles = pgTable('evidence_files', {
  id: id(),
  commissionId: uuid('commission_id').notNull().references(() => commissions.id),
  participantId: uuid('participant_id').notNull().references(() => participants.id),
  filename: text('filename').notNull(),
  contentType: text('content_type').notNull(),
  size: integer('size').notNull(),
  sha256: text('sha256').notNull(),
  storageKey: text('storage_key').notNull(),
  uploadedBy: uuid('uploaded_by').references(() => users.id),
  createdAt: createdAt(),
}, (t) => [
  index('evidence_files_participant_idx').on(t.participantId),
  index('evidence_files_commission_idx').on(t.commissionId),
  index('evidence_files_uploaded_by_idx').on(t.uploadedBy),
]);

export const answers = pgTable('answers', {
  id: id(),
  participantId: uuid('participant_id').notNull().references(() => participants.id, { onDelete: 'cascade' }),
  questionCode: text('question_code').notNull(),
  value: jsonb('value').$type<AnswerValue>().notNull(),
  evidence: jsonb('evidence').$type<AnswerEvidence[]>().notNull().default([]),
  updatedBy: uuid('updated_by').references(() => users.id),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  version: version(),
}, (t) => [
  uniqueIndex('answers_participant_question_key').on(t.participantId, t.questionCode),
  index('answers_updated_by_idx').on(t.updatedBy),
]);

export const verifications = pgTable('verifications', {
  id: id(),
  participantId: uuid('participant_id').notNull().references(() => participants.id, { onDelete: 'cascade' }),
  questionCode: text('question_code').notNull(),
  decision: text('decision', { enum: ['accept', 'adjust'] }).notNull(),
  /** the adjusted value (adjust only) */
  value: jsonb('value').$type<AnswerValue>(),
  note: text('note'),
  assessorId: uuid('assessor_id').references(() => users.id),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  version: version(),
}, (t) => [
  uniqueIndex('verifications_participant_question_key').on(t.participantId, t.questionCode),
  index('verifications_assessor_idx').on(t.assessorId),
]);

export const appeals = pgTable('appeals', {
  id: id(),
  participantId: uuid('participant_id').notNull().references(() => participants.id, { onDelete: 'cascade' }),
  questionCode: text('question_code').notNull(),
  reason: text('reason').notNull(),
  /** the body's documents: links or evidence files uploaded for the participant */
  evidence: jsonb('evidence').$type<AnswerEvidence[]>().notNull().default([]),
  status: text('status', { enum: ['open', 'upheld', 'revised'] }).notNull().default('open'),
  resolutionNote: text('resolution_note'),
  revisedValue: jsonb('revised_value').$type<AnswerValue>(),
  filedBy: uuid('filed_by').references(() => users.id),
  resolvedBy: uuid('resolved_by').references(() => users.id),
  resolvedAt: timestamp('resolved_at', { withTimezone: true, mode: 'date' }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  version: version(),
}, (t) => [
  index('appeals_participant_idx').on(t.participantId),
  index('appeals_filed_by_idx').on(t.filedBy),
  index('appeals_resolved_by_idx').on(t.resolvedBy),
]);

export const presentationScores = pgTable('presentation_scores', {
  participantId: uuid('participant_id').notNull().references(() => participants.id, { onDelete: 'cascade' }),
  jurorId: uuid('juror_id').notNull().references(() => users.id),
  /** aspect → 0–100 */
  aspects: jsonb('aspects').$type<Record<string, number>>().notNull(),
  /** the juror's weighted mean over the period's aspects */
  score: score('score').notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  version: version(),
}, (t) => [
  primaryKey({ columns: [t.participantId, t.jurorId] }),
  index('presentation_scores_juror_idx').on(t.jurorId),
]);

/** Plenary bonus or penalty points of a participant (docs/scoring.md §5), recorded in deliberation. */
export const adjustments = pgTable('adjustments', {
  id: id(),
  participantId: uuid('participant_id').notNull().references(() => participants.id, { onDelete: 'cascade' }),
  /** a non-zero decimal, exact as given */
  points: numeric('points').notNull(),
  reason: text('reason').notNull(),
  /** null when an API key recorded it */
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: createdAt(),
}, (t) => [
  index('adjustments_participant_idx').on(t.participantId, t.createdAt),
  index('adjustments_created_by_idx').on(t.createdBy),
]);

/** A pleno decision: an immutable version of a period's results (enforced by triggers). */
export const resultSets = pgTable('result_sets', {
  id: id(),
  commissionId: uuid('commission_id').notNull().references(() => commissions.id),
  periodId: uuid('period_id').notNull().references(() => periods.id),
  version: integer('version').notNull(),
  decreeNumber: text('decree_number').notNull(),
  decreeDate: date('decree_date', { mode: 'string' }).notNull(),
  reason: text('reason'),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('result_sets_period_version_key').on(t.periodId, t.version),
  index('result_sets_commission_idx').on(t.commissionId),
  index('result_sets_created_by_idx').on(t.createdBy),
]);

export const resultRows = pgTable('result_rows', {
  resultSetId: uuid('result_set_id').notNull().references(() => resultSets.id),
  participantId: uuid('participant_id').notNull().references(() => participants.id),
  bodyId: uuid('body_id').notNull().references(() => bodies.id),
  bodyName: text('body_name').notNull(),
  categoryId: uuid('category_id').notNull().references(() => categories.id),
  status: text('status').notNull(),
  rank: integer('rank'),
  categoryRank: integer('category_rank'),
  finalScore: numeric('final_score', { precision: 5, scale: 2 }),
  bandCode: text('band_code'),
  complete: boolean('complete').notNull(),
  selfAssessedSaq: numeric('self_assessed_saq', { precision: 5, scale: 2 }),
  verifiedSaq: numeric('verified_saq', { precision: 5, scale: 2 }),
  stageScores: jsonb('stage_scores').notNull(),
  indicatorScores: jsonb('indicator_scores').notNull(),
  /** docs/scoring.md §9: everything needed to recompute this row, and its SHA-256 */
  inputs: jsonb('inputs').notNull(),
  inputsSha256: text('inputs_sha256').notNull(),
}, (t) => [
  primaryKey({ columns: [t.resultSetId, t.participantId] }),
  index('result_rows_participant_idx').on(t.participantId),
  index('result_rows_body_idx').on(t.bodyId),
  index('result_rows_category_idx').on(t.categoryId),
]);

/** Publication is a separate fact so result sets themselves never change. */
export type PublicationMode = 'ranked' | 'qualification';
export interface PublicationAward { title: string; bodyIds: string[] }

export const publications = pgTable('publications', {
  resultSetId: uuid('result_set_id').primaryKey().references(() => resultSets.id),
  periodId: uuid('period_id').notNull().references(() => periods.id),
  publishedBy: uuid('published_by').references(() => users.id),
  publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  /** the decree announcing the publication, when it names one (else the result set's decree stands) */
  decree: text('decree'),
  /** ranked: ranks and final scores public; qualification: only bands and statuses (docs/api.md, publication) */
  mode: text('mode').$type<PublicationMode>().notNull().default('ranked'),
  /** awards announced with the publication, in the order given */
  awards: jsonb('awards').$type<PublicationAward[]>().notNull().default([]),
}, (t) => [
  index('publications_period_idx').on(t.periodId),
  index('publications_published_by_idx').on(t.publishedBy),
]);

/** Idempotency-Key replay store for POSTs from integrations. */
export const idempotencyKeys = pgTable('idempotency_keys', {
  principal: text('principal').notNull(),
  key: text('key').notNull(),
  requestHash: text('request_hash').notNull(),
  statusCode: integer('status_code').notNull(),
  responseBody: text('response_body').notNull(),
  contentType: text('content_type'),
  /** The first response's ETag and Location, sent again on a replay; null when it had none (or was stored before they were kept). */
  etag: text('etag'),
  location: text('location'),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.principal, t.key] })]);

/** Platform-wide settings shared by every API instance (e.g. the generated JWT signing secret). */
export const platformSettings = pgTable('platform_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  createdAt: createdAt(),
});

/**
 * The outbox: one row per domain event, written in the transaction of the change that caused it
 * (modules/events). The id is the order: rows of one commission are inserted under a per-commission
 * lock held until commit, so a reader never sees a later id before an earlier one.
 */
export const events = pgTable('events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  commissionId: uuid('commission_id').notNull().references(() => commissions.id),
  type: text('type').notNull(),
  data: jsonb('data').$type<Record<string, unknown>>().notNull(),
  createdAt: createdAt(),
}, (t) => [
  index('events_commission_id_idx').on(t.commissionId, t.id),
  index('events_created_at_idx').on(t.createdAt),
]);

/** A commission's webhook endpoint (modules/webhooks). */
export const webhookSubscriptions = pgTable('webhook_subscriptions', {
  id: id(),
  commissionId: uuid('commission_id').notNull().references(() => commissions.id),
  url: text('url').notNull(),
  events: text('events').array().notNull(),
  description: text('description'),
  /** `whsec_` + base64: the signing key, kept because every delivery is signed with it */
  secret: text('secret').notNull(),
  /** after a rotation, the former secret also signs until previousSecretExpiresAt */
  previousSecret: text('previous_secret'),
  previousSecretExpiresAt: timestamp('previous_secret_expires_at', { withTimezone: true, mode: 'date' }),
  enabled: boolean('enabled').notNull().default(true),
  disabledAt: timestamp('disabled_at', { withTimezone: true, mode: 'date' }),
  disabledReason: text('disabled_reason'),
  /** the first failed attempt since the last successful one; null while deliveries succeed */
  failingSince: timestamp('failing_since', { withTimezone: true, mode: 'date' }),
  /** null when an API key created it */
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  version: version(),
}, (t) => [
  index('webhook_subscriptions_commission_idx').on(t.commissionId, t.createdAt),
  index('webhook_subscriptions_created_by_idx').on(t.createdBy),
]);

/**
 * One event for one subscription: the dispatcher's queue (claimed with FOR UPDATE SKIP LOCKED) and
 * the delivery log. `sending` rows carry a lease: nextAttemptAt is when another instance may take
 * the delivery over if this one died, claimToken says whose attempt it is.
 */
export const webhookDeliveries = pgTable('webhook_deliveries', {
  id: id(),
  subscriptionId: uuid('subscription_id').notNull().references(() => webhookSubscriptions.id, { onDelete: 'cascade' }),
  eventId: bigint('event_id', { mode: 'number' }).notNull().references(() => events.id, { onDelete: 'cascade' }),
  status: text('status', { enum: ['pending', 'sending', 'succeeded', 'failed'] }).notNull().default('pending'),
  /** attempts made so far */
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }),
  claimToken: uuid('claim_token'),
  firstAttemptAt: timestamp('first_attempt_at', { withTimezone: true, mode: 'date' }),
  lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true, mode: 'date' }),
  /** the receiver's HTTP status; null when no answer came (refused, timed out) */
  lastStatusCode: integer('last_status_code'),
  lastDurationMs: integer('last_duration_ms'),
  /** the start of the receiver's answer */
  lastResponse: text('last_response'),
  /** why the last attempt failed without an answer */
  lastError: text('last_error'),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('webhook_deliveries_event_subscription_key').on(t.eventId, t.subscriptionId),
  index('webhook_deliveries_subscription_idx').on(t.subscriptionId, t.createdAt),
  index('webhook_deliveries_due_idx').on(t.nextAttemptAt).where(sql`status in ('pending', 'sending')`),
]);
