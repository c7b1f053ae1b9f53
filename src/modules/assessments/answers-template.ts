// The answers template (`GET …/answers` as XLSX or CSV): one row per question of the participant's
// questionnaire with its current answer, for a respondent to fill in and send back to
// `POST …/answers/import`. The workbook carries data validation on the answer cells (a dropdown
// of Ya/Tidak or of a choice's options, a length limit with the items as a prompt for a
// checklist), so that most mistakes are caught in the spreadsheet before the upload.
import type ExcelJS from 'exceljs';
import type { Db } from '../../db/client.ts';
import type { RequestContext } from '../../http/context.ts';
import type { Table } from '../../http/exports.ts';
import type { AnswerEvidence } from '../../db/schema.ts';
import type { AnswerValue, Question } from '../../scoring/index.ts';
import { loadParticipant } from '../participants/access.ts';
import { bodyName } from '../participants/participants.repo.ts';
import { allowedText, NO, typeLabel, valueText, YES } from './answer-cells.ts';
import { answerRows } from './assessments.repo.ts';
import { ANSWER_LIMITS } from './assessments.schemas.ts';
import { questionnaireOf } from './common.ts';

/** The template's Indonesian headers; the import reads the code, answer and evidence columns back by them. */
export const TEMPLATE_HEADERS = {
  code: 'Kode',
  indicator: 'Indikator',
  text: 'Pertanyaan',
  type: 'Jenis',
  allowed: 'Nilai yang diizinkan',
  evidenceRule: 'Bukti dukung',
  value: 'Jawaban',
  evidence: 'Bukti (tautan)',
} as const;

const EVIDENCE_RULES: Record<NonNullable<Question['evidence']>, string> = { required: 'Wajib', optional: 'Opsional', none: 'Tidak perlu' };

interface TemplateRow { question: Question; indicator: string; value: AnswerValue | null; links: string[] }

/** The template's rows and its Info lines, read like `GET …/answers` (same access rules). */
export async function answersTemplate(db: Db, c: RequestContext, periodId: string, bodyId: string): Promise<Table<TemplateRow>> {
  const { period, participant } = await loadParticipant(db, c, periodId, bodyId);
  const { questionnaire } = await questionnaireOf(db, participant);
  const answers = new Map((await answerRows(db, participant.id)).map((r) => [r.questionCode, r]));
  const name = await bodyName(db, participant.bodyId);
  const rows = questionnaire.indicators.flatMap((indicator) => indicator.questions.map((question): TemplateRow => {
    const answer = answers.get(question.code);
    return {
      question: { ...question, evidence: question.evidence ?? 'none' },
      indicator: `${indicator.code} ${indicator.name}`,
      value: answer?.value ?? null,
      links: (answer?.evidence ?? []).flatMap((e: AnswerEvidence) => ('url' in e ? [e.url] : [])),
    };
  }));
  const h = TEMPLATE_HEADERS;
  return {
    filename: `jawaban-saq-${period.year}-${name.normalize('NFKD').replace(/[^\w]+/g, '-').replace(/^-|-$/g, '').toLowerCase()}`,
    sheet: 'Jawaban',
    rows,
    columns: [
      { header: h.code, kind: 'text', width: 10, value: (r) => r.question.code },
      { header: h.indicator, kind: 'text', width: 24, value: (r) => r.indicator },
      { header: h.text, kind: 'text', width: 60, value: (r) => r.question.text },
      { header: h.type, kind: 'text', width: 14, value: (r) => typeLabel(r.question) },
      { header: h.allowed, kind: 'text', width: 40, value: (r) => allowedText(r.question) },
      { header: h.evidenceRule, kind: 'text', width: 12, value: (r) => EVIDENCE_RULES[r.question.evidence] },
      { header: h.value, kind: 'text', width: 24, value: (r) => valueText(r.question, r.value) },
      { header: h.evidence, kind: 'text', width: 48, value: (r) => r.links.join('\n') },
    ],
    info: [
      ['Periode', period.title],
      ['Tahun', period.year],
      ['Badan publik', name],
      ['Kuesioner', `${questionnaire.code} ${questionnaire.title}`],
      ['Versi jawaban', participant.version],
      ['Dibuat pada', new Date().toISOString()],
      ['Petunjuk', `Isi kolom "${h.value}" dan "${h.evidence}" saja, lalu unggah berkas ini ke POST …/answers/import. `
        + `Kolom "${h.value}" yang dikosongkan menghapus jawaban; daftar periksa tanpa centang ditulis "-". `
        + 'Tautan bukti dipisah baris baru; berkas bukti yang sudah diunggah tetap tersimpan.'],
    ],
  };
}

// Excel shows at most 255 characters of a validation prompt and refuses longer ones
const clip = (text: string, max = 255) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function answerValidation(question: Question, choicesRange: string | undefined): ExcelJS.DataValidation {
  const refusal = { showErrorMessage: true, errorStyle: 'stop' as const, errorTitle: 'Jawaban tidak sah' };
  const prompt = { showInputMessage: true, promptTitle: clip(`Jawaban ${question.code}`, 32), prompt: clip(allowedText(question)) };
  switch (question.type) {
    case 'yes_no':
      return { type: 'list', allowBlank: true, formulae: [`"${YES},${NO}"`], ...refusal, error: `Pilih ${YES} atau ${NO}`, ...prompt };
    case 'choice':
      // the options are a row of the hidden "Pilihan" sheet: a list in the formula itself could not
      // hold an option with a comma, nor more than 255 characters
      return { type: 'list', allowBlank: true, formulae: [choicesRange ?? '""'], ...refusal, error: clip(allowedText(question)), ...prompt };
    case 'checklist': {
      // several items in one cell: no dropdown can offer that, so the prompt lists them and the
      // length is limited to what every item, named by its longer name, takes
      const longest = (question.items ?? []).reduce((n, item) => n + Math.max(item.value.length, item.label.length) + 2, 0);
      return { type: 'textLength', operator: 'lessThanOrEqual', allowBlank: true, formulae: [longest], ...refusal, error: 'Lebih panjang dari semua butir bersama', ...prompt };
    }
  }
}

/** The template as a workbook: the "Jawaban" sheet first (the import reads the first sheet), then "Info" and the hidden "Pilihan". */
export async function templateWorkbook(table: Table<TemplateRow>): Promise<Buffer> {
  // loaded on first use: the library is large and most requests never need it
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'kip-monev';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(table.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  const info = workbook.addWorksheet('Info');
  const choices = workbook.addWorksheet('Pilihan', { state: 'hidden' });

  sheet.columns = table.columns.map((column) => ({ header: column.header, width: column.width, style: { alignment: { vertical: 'top', wrapText: true } } }));
  sheet.getRow(1).font = { bold: true };
  const answerColumn = table.columns.findIndex((c) => c.header === TEMPLATE_HEADERS.value) + 1;
  const evidenceColumn = table.columns.findIndex((c) => c.header === TEMPLATE_HEADERS.evidence) + 1;
  table.rows.forEach((row, i) => {
    const added = sheet.addRow(table.columns.map((column) => column.value(row)));
    let range: string | undefined;
    if (row.question.type === 'choice') {
      const options = (row.question.options ?? []).map((o) => o.value);
      const choiceRow = choices.addRow([row.question.code, ...options]);
      const last = choices.getColumn(options.length + 1).letter;
      range = `Pilihan!$B$${choiceRow.number}:$${last}$${choiceRow.number}`;
    }
    added.getCell(answerColumn).dataValidation = answerValidation(row.question, range);
    added.getCell(evidenceColumn).dataValidation = {
      type: 'textLength', operator: 'lessThanOrEqual', allowBlank: true, formulae: [ANSWER_LIMITS.evidence * (ANSWER_LIMITS.url + 1)],
      showInputMessage: true, promptTitle: 'Bukti (tautan)', prompt: 'Tautan http(s), satu per baris',
    };
    // the answer cells stand out: they are the ones to fill in
    added.getCell(answerColumn).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
    if (i === 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  });

  info.columns = [{ header: 'Keterangan', width: 24 }, { header: 'Nilai', width: 90, style: { alignment: { wrapText: true } } }];
  info.getRow(1).font = { bold: true };
  for (const [key, value] of table.info ?? []) info.addRow([key, value]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
