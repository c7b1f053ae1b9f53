// Answers as spreadsheet cells (docs/api.md, answers template and imports): how a value is written
// into the template and how a cell is read back into the value `PUT …/answers` takes. Reading only
// translates the cell's text; whether the value is a valid answer is then checked by the very
// checks `PUT …/answers` runs (answers.service.ts `answerErrors`), so a cell and a JSON value are
// held to the same rules. Pure: no database, no exceljs.
import type { AnswerValue, Question } from '../../scoring/index.ts';
import { t, type Message } from '../../i18n/message.ts';

export const YES = 'Ya';
export const NO = 'Tidak';
/** A checklist answered with nothing ticked: an empty cell means "no answer", so it needs a mark of its own. */
export const NONE_TICKED = '-';

const YES_WORDS = new Set(['ya', 'y', 'yes', 'true', '1', 'benar']);
const NO_WORDS = new Set(['tidak', 'tdk', 'no', 'n', 'false', '0', 'salah']);

const TYPE_LABELS: Record<Question['type'], string> = { yes_no: 'Ya/Tidak', choice: 'Pilihan', checklist: 'Daftar periksa' };

/** The question type as the template names it. */
export function typeLabel(question: Question): string {
  return TYPE_LABELS[question.type];
}

/** What the template says may be written in the answer cell. */
export function allowedText(question: Question): string {
  switch (question.type) {
    case 'yes_no': return `${YES} atau ${NO}`;
    case 'choice': return `satu dari: ${(question.options ?? []).map((o) => `${o.value} (${o.label})`).join('; ')}`;
    case 'checklist':
      return `satu atau lebih, dipisah koma: ${(question.items ?? []).map((i) => `${i.value} (${i.label})`).join('; ')}; "${NONE_TICKED}" bila tidak ada`;
  }
}

/** The cell text of a stored answer (empty for none). */
export function valueText(question: Question, value: AnswerValue | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (question.type === 'yes_no' && typeof value === 'boolean') return value ? YES : NO;
  if (Array.isArray(value)) return value.length === 0 ? NONE_TICKED : value.join(', ');
  return String(value);
}

const normal = (text: string) => text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/** An option or item named by its value, or else by its value or label in any case; unknown text is kept as written. */
function byValueOrLabel(choices: { value: string; label: string }[], text: string): string {
  if (choices.some((c) => c.value === text)) return text;
  const wanted = normal(text);
  return choices.find((c) => normal(c.value) === wanted || normal(c.label) === wanted)?.value ?? text;
}

/**
 * The answer a (non-empty) cell gives: yes/no from Ya/Tidak (or yes/no, true/false, 1/0), a choice
 * by its option's value or label, a checklist as values or labels separated by commas, semicolons
 * or line breaks ("-": nothing ticked). Text that names no option is passed on as written, for the
 * answer checks to refuse with the message `PUT …/answers` gives; only a yes/no cell that is no
 * word for yes or no is refused here, having no JSON value to pass on.
 */
export function cellAnswer(question: Question, text: string): { value: AnswerValue } | { error: Message } {
  switch (question.type) {
    case 'yes_no': {
      const word = normal(text);
      if (YES_WORDS.has(word)) return { value: true };
      if (NO_WORDS.has(word)) return { value: false };
      return { error: t`expected ${YES} or ${NO}, not "${text}"` };
    }
    case 'choice':
      return { value: byValueOrLabel(question.options ?? [], text.trim()) };
    case 'checklist': {
      if (text.trim() === NONE_TICKED) return { value: [] };
      const parts = text.split(/[,;\n]/).map((p) => p.trim()).filter((p) => p !== '');
      return { value: parts.map((p) => byValueOrLabel(question.items ?? [], p)) };
    }
  }
}

/**
 * The links of an evidence cell: separated by line breaks, spaces or semicolons, or by a comma
 * before the next http(s) link (a comma may be part of a URL, a space never is).
 */
export function cellLinks(text: string): string[] {
  return text.split(/[\s;]+|,(?=\s*https?:\/\/)/i).map((s) => s.trim()).filter((s) => s !== '');
}
