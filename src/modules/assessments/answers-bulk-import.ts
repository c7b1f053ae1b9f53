// The secretariat's bulk import of answers (`POST /periods/{periodId}/answers/import`): a CSV or
// XLSX with one row per body (column `body`: its name or id) and one column per question code, for
// a commission that collects SAQs on paper or in its own spreadsheet. Each row becomes the batch
// `PUT …/answers` would take for that body and is held to the same rules (stage `saq`, not
// submitted, before `deadlines.saq` or the body's extension) and the same checks; the whole file
// is one transaction, all or nothing, every problem reported at its row and column. An empty cell
// leaves the answer as it is, and evidence is not touched.
import { unguarded } from '../../http/exports.ts';
import { Problem } from '../../http/problems.ts';
import { badHeader, failed, fileError, headerKey, problemsInFile, type ImportError, type Sheet } from '../../http/spreadsheet-read.ts';
import type { Work } from '../../http/unit-of-work.ts';
import type { Question } from '../../scoring/index.ts';
import { searchNameOf } from '../bodies/search-name.ts';
import { participantsWithBodies } from '../participants/participants.repo.ts';
import { assertStage, loadPeriod, type Period } from '../periods/index.ts';
import { rescoreParticipants } from '../scores/materialize.ts';
import { cellAnswer } from './answer-cells.ts';
import { answerErrors, assertAnswering, writeAnswers, type AnswerItem } from './answers.service.ts';
import { answerRows, categoryQuestionnaire } from './assessments.repo.ts';
import { participantWrite, questionsOf } from './common.ts';
import { t, type Message } from '../../i18n/message.ts';

const BODY_COLUMN = ['body', 'badan_publik', 'nama_badan_publik', 'body_name', 'body_id', 'nama', 'name'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_ERRORS = 500;
const ACTION = t`Importing answers`;

type Person = Awaited<ReturnType<typeof participantsWithBodies>>[number];
interface QuestionColumn { index: number; header: string; code: string }
/** A body's row: its answers, each with the header of the column it came from. */
interface Target { row: number; person: Person; questions: Map<string, Question>; items: AnswerItem[]; headers: string[] }

/** The body column and the question columns; a header naming no question of the period's questionnaires is an error. */
function columnsOf(sheet: Sheet, known: Set<string>) {
  const errors: ImportError[] = [];
  const header = (column: string | null, message: Message) => errors.push({ path: 'header', row: sheet.header.row, column, message });
  let body: { index: number; header: string } | undefined;
  const questions: QuestionColumn[] = [];
  sheet.header.cells.forEach((raw, index) => {
    const code = raw.trim();
    if (code === '') return;
    if (!body && !known.has(code) && BODY_COLUMN.includes(headerKey(code))) body = { index, header: raw };
    else if (!known.has(code)) header(raw, t`no questionnaire of this period has a question "${code}"`);
    else if (questions.some((q) => q.code === code)) header(raw, t`question "${code}" has two columns`);
    else questions.push({ index, header: raw, code });
  });
  if (!body) header(null, t`the column body (the body's name or id) is missing`);
  if (errors.length > 0 || !body) throw failed(badHeader(errors), errors);
  return { body, questions };
}

/** The problem `check` throws, or null: the rule is the one a single write runs, reported here per row. */
function refusalOf(check: () => void): Problem | null {
  try {
    check();
    return null;
  } catch (error) {
    if (error instanceof Problem) return error;
    throw error;
  }
}

/** The rows read into each body's batch, every problem of the file collected with its row and column. */
async function readTargets(work: Work, period: Period, sheet: Sheet) {
  const { tx } = work;
  const people = await participantsWithBodies(tx, period.id);
  const byCategory = new Map<string, Map<string, Question> | null>();
  for (const categoryId of new Set(people.map((p) => p.participant.categoryId))) {
    const questionnaire = await categoryQuestionnaire(tx, period.id, categoryId);
    byCategory.set(categoryId, questionnaire ? questionsOf(questionnaire) : null);
  }
  const columns = columnsOf(sheet, new Set([...byCategory.values()].flatMap((q) => (q ? [...q.keys()] : []))));
  const byId = new Map(people.map((p) => [p.participant.bodyId, p]));
  const byName = new Map(people.map((p) => [p.searchName, p]));
  const errors: ImportError[] = [];
  const add = (row: number, column: string | null, message: Message) => errors.push({ path: `rows[${row}]${column === null ? '' : `.${column}`}`, row, column, message });
  const seen = new Map<string, number>();
  const targets: Target[] = [];
  for (const { row, cells } of sheet.rows) {
    if (errors.length >= MAX_ERRORS) break;
    const extra = cells.findIndex((v, i) => v !== '' && (sheet.header.cells[i] ?? '').trim() === '');
    if (extra >= 0) add(row, null, t`has a value in column ${extra + 1}, which has no header`);
    const named = unguarded(cells[columns.body.index] ?? '').trim();
    const person = UUID.test(named) ? byId.get(named.toLowerCase()) : byName.get(searchNameOf(named));
    const at = columns.body.header;
    if (named === '') add(row, at, t`the body is empty`);
    else if (!person) add(row, at, UUID.test(named) ? t`no participant of this period is the body "${named}"` : t`no participant of this period is named "${named}"`);
    else if (seen.has(person.participant.id)) add(row, at, t`the body is already on row ${seen.get(person.participant.id)}`);
    if (!person || named === '' || seen.has(person.participant.id)) continue;
    seen.set(person.participant.id, row);
    const questions = byCategory.get(person.participant.categoryId);
    if (!questions) {
      add(row, at, t`the body's category has no questionnaire in this period`);
      continue;
    }
    const target: Target = { row, person, questions, items: [], headers: [] };
    for (const column of columns.questions) {
      const text = unguarded(cells[column.index] ?? '').trim();
      if (text === '') continue;
      const question = questions.get(column.code);
      const read = question ? cellAnswer(question, text) : { error: t`question "${column.code}" is not in the questionnaire of this body's category` };
      if ('error' in read) add(row, column.header, question ? t`question "${column.code}": ${read.error}` : read.error);
      else {
        target.items.push({ question: column.code, value: read.value });
        target.headers.push(column.header);
      }
    }
    if (target.items.length > 0) targets.push(target);
  }
  return { targets, errors, add };
}

/**
 * `POST /periods/{periodId}/answers/import`: checks the whole file first (409 naming the rows of
 * bodies that may not answer any more, else 422 naming every bad cell), then writes each body's
 * answers through `participantWrite` (its lock and version), in participant order so that two
 * imports lock the same rows in the same order, and rescores them together.
 */
export async function importPeriodAnswers(work: Work, periodId: string, sheet: Sheet & { filename: string }) {
  // the period's key-share lock, held to commit: the stage cannot move while the file is checked and written
  const period = await loadPeriod(work.tx, work.ctx, periodId, { forKeyShare: true });
  assertStage(period, ['saq'], ACTION);
  const { targets, errors, add } = await readTargets(work, period, sheet);

  const refused: { row: number; problem: Problem }[] = [];
  for (const target of targets) {
    const problem = refusalOf(() => assertAnswering(period, target.person.participant, ACTION));
    if (problem) refused.push({ row: target.row, problem });
    for (const e of await answerErrors(work.tx, target.person.participant.id, target.questions, target.items)) add(target.row, target.headers[e.index] ?? null, e.message);
  }
  const [first] = refused;
  if (first) {
    const detail = refused.length === 1
      ? t`1 body in the file may not answer any more; nothing was imported. Row ${first.row}: ${first.problem.detail}`
      : t`${refused.length} bodies in the file may not answer any more; nothing was imported. Row ${first.row}: ${first.problem.detail}`;
    throw new Problem(first.problem.code, detail, {
      errors: refused.map((r) => ({ path: `rows[${r.row}]`, row: r.row, column: null, message: r.problem.detail })),
    });
  }
  if (errors.length > 0) {
    errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    throw failed(problemsInFile(errors.length, MAX_ERRORS), errors.slice(0, MAX_ERRORS));
  }
  if (targets.length === 0) throw fileError(t`The file gives no answers: fill in the question columns`);

  targets.sort((a, b) => (a.person.participant.id < b.person.participant.id ? -1 : 1));
  for (const t of targets) {
    await participantWrite(work, { periodId: period.id, bodyId: t.person.participant.bodyId }, async ({ tx, period: locked, participant }) => {
      // checked again under the participant's lock: the body may have submitted since it was read
      assertAnswering(locked, participant, ACTION);
      const current = new Map((await answerRows(tx, participant.id)).map((r) => [r.questionCode, r]));
      await writeAnswers(work, participant, current, t.items, 'answers.import');
    }, { checkIfMatch: false, rescore: false });
  }
  // every body written, rescored in one pass (a participant at a time took half the import's time)
  await rescoreParticipants(work.tx, period.id, targets.map((t) => t.person.participant.id));
  const answers = targets.reduce((n, t) => n + t.items.length, 0);
  await work.audit({
    action: 'answers.bulk_import', entityType: 'period', entityId: period.id,
    after: { filename: sheet.filename, format: sheet.format, participants: targets.length, answers, bodyIds: targets.map((t) => t.person.participant.bodyId) },
  });
  return { participants: targets.length, answers, format: sheet.format, rows: sheet.rows.length };
}
