// A respondent's answers from a spreadsheet (`POST …/answers/import`): the answers template filled
// in, or a CSV with the columns question, value, evidence. The rows become the very batch
// `PUT …/answers` takes and go through the same write (`saveAnswers`): the same role, stage and
// deadline rules, the same checks, all or nothing, audited (`answers.import`) and rescored. Only
// where a problem is reported differs: at its row and column instead of a JSON path.
import { unguarded } from '../../http/exports.ts';
import { badHeader, failed, headerKey, type ImportError, type Sheet } from '../../http/spreadsheet-read.ts';
import type { Work } from '../../http/unit-of-work.ts';
import type { Question } from '../../scoring/index.ts';
import { cellAnswer, cellLinks } from './answer-cells.ts';
import { saveAnswers, type AnswerBatch, type AnswerItem } from './answers.service.ts';
import type { AnswerRow } from './assessments.repo.ts';
import { ANSWER_LIMITS } from './assessments.schemas.ts';
import type { ParticipantIds } from './common.ts';
import { t, type Message } from '../../i18n/message.ts';

type Field = 'question' | 'value' | 'evidence';

/** Accepted headers (as `headerKey` reduces them): the template's Indonesian ones and the CSV's English ones. */
const ALIASES: Record<Field, string[]> = {
  question: ['kode', 'question', 'kode_pertanyaan', 'question_code', 'code'],
  value: ['jawaban', 'value', 'answer', 'nilai'],
  evidence: ['bukti_tautan', 'evidence', 'bukti', 'tautan_bukti', 'tautan'],
};
const byAlias = new Map(Object.entries(ALIASES).flatMap(([field, names]) => names.map((n) => [n, field as Field])));

type Columns = Partial<Record<Field, { index: number; header: string }>>;

/** The question, value and evidence columns (evidence may be absent: then every answer keeps its evidence); other columns are ignored. */
function columnsOf(sheet: Sheet): Columns {
  const columns: Columns = {};
  const errors: ImportError[] = [];
  sheet.header.cells.forEach((raw, index) => {
    const field = byAlias.get(headerKey(raw));
    if (!field) return;
    const first = columns[field];
    if (first) errors.push({ path: 'header', row: sheet.header.row, column: raw, message: t`column "${raw}" and column "${first.header}" are both ${field}` });
    else columns[field] = { index, header: raw };
  });
  for (const field of ['question', 'value'] as const) {
    if (!columns[field]) errors.push({ path: 'header', row: sheet.header.row, column: null, message: t`the column ${ALIASES[field][0]} (${ALIASES[field][1]}) is missing` });
  }
  if (errors.length > 0) throw failed(badHeader(errors), errors);
  return columns;
}

/**
 * The batch the rows give: a row per question; an empty answer removes the question's answer (a
 * row left empty in the template changes nothing); the evidence column, when there is one, lists
 * the answer's links, and its uploaded files are kept (a sheet cannot name them).
 */
function sheetBatch(sheet: Sheet, columns: Columns, questions: Map<string, Question>, current: Map<string, AnswerRow>): AnswerBatch {
  const answers: AnswerItem[] = [];
  const rowOf: number[] = [];
  const errors: ImportError[] = [];
  const cell = (cells: string[], field: Field) => {
    const column = columns[field];
    return column ? unguarded(cells[column.index] ?? '').trim() : '';
  };
  const problem = (row: number, field: Field | null, message: Message) => {
    errors.push({ path: `rows[${row}]${field ? `.${field}` : ''}`, row, column: field ? columns[field]?.header ?? null : null, message });
  };
  for (const { row, cells } of sheet.rows) {
    const code = cell(cells, 'question');
    const text = cell(cells, 'value');
    const links = cellLinks(cell(cells, 'evidence'));
    if (code === '') {
      problem(row, 'question', t`the question code is empty`);
      continue;
    }
    if (code.length > ANSWER_LIMITS.questionCode) {
      problem(row, 'question', t`is longer than ${ANSWER_LIMITS.questionCode} characters`);
      continue;
    }
    if (links.length > ANSWER_LIMITS.evidence) problem(row, 'evidence', t`at most ${ANSWER_LIMITS.evidence} links per answer`);
    const tooLong = links.find((l) => l.length > ANSWER_LIMITS.url);
    if (tooLong !== undefined) problem(row, 'evidence', t`a link is longer than ${ANSWER_LIMITS.url} characters`);
    if (text === '') {
      if (links.length > 0) problem(row, 'evidence', t`evidence needs an answer`);
      else if (current.has(code)) {
        answers.push({ question: code, value: null });
        rowOf.push(row);
      }
      continue;
    }
    const question = questions.get(code);
    const read = question ? cellAnswer(question, text) : { value: text };
    if ('error' in read) {
      problem(row, 'value', t`question "${code}": ${read.error}`);
      continue;
    }
    const files = (current.get(code)?.evidence ?? []).filter((e) => 'fileId' in e);
    const evidence = columns.evidence ? [...links.map((url) => ({ url })), ...files] : undefined;
    answers.push({ question: code, value: read.value, ...(evidence ? { evidence } : {}) });
    rowOf.push(row);
  }
  if (sheet.rows.length > ANSWER_LIMITS.batch) errors.push({ path: 'file', row: null, column: null, message: t`at most ${ANSWER_LIMITS.batch} rows` });
  if (errors.length === 0 && answers.length === 0) errors.push({ path: 'file', row: null, column: null, message: t`the file gives no answers: fill in the answer column` });
  return {
    answers,
    errors,
    errorAt: ({ index, at, message }) => {
      const field: Field = at.startsWith('evidence') ? 'evidence' : at === 'question' ? 'question' : 'value';
      const row = rowOf[index] ?? null;
      return { path: `rows[${row}].${field}`, row, column: columns[field]?.header ?? null, message };
    },
    action: 'answers.import',
  };
}

/** `POST …/answers/import`: the sheet's answers written as one `PUT …/answers` batch; replies with the answers resource. */
export function importAnswers(work: Work, ids: ParticipantIds, sheet: Sheet) {
  const columns = columnsOf(sheet);
  return saveAnswers(work, ids, (questions, current) => sheetBatch(sheet, columns, questions, current));
}
