// `kip-monev score`: recompute one participant's score from files (docs/scoring.md §9), with no database.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import Decimal from 'decimal.js';
import { formatIssues, scoreFromJson, type ScoreReport, type ValidationIssue } from '../scoring/index.ts';
import { getPreset, listPresets } from '../scoring/presets.ts';
import { must } from '../must.ts';

const HELP = `Usage: kip-monev score --questionnaire q.json --answers a.json [--period p.json]
       kip-monev score --preset <code> --answers a.json [--period p.json]
       kip-monev score --inputs record.json

Recomputes a participant's score from its inputs alone and prints it as JSON.

Options:
  --questionnaire <file>  the questionnaire (docs/scoring.md §2)
  --preset <code>         a built-in questionnaire instead of --questionnaire (${listPresets().map((p) => p.code).join(', ')})
  --answers <file>        { "answers": { "<question code>": <value>, ... }, "visitation": 85.5,
                            "presentation": [ { "<aspect>": 80, ... }, ... ], "advanced": true,
                            "adjustments": [ { "points": 2, "reason": "..." } ] }
                          the answers are taken as the verified answers; "advanced" (optional)
                          overrides the period's advancement rule; "submitted": false scores a
                          non-submitter; adjustments need the period's maxAdjustment
  --period <file>         { "stages", "presentationAspects", "advancement", "bands", "nonSubmitters",
                          "evaluationOrder", "stageLabels", "maxAdjustment" }, each defaulting as
                          docs/scoring.md says (stages { "saq": 100 }, no advancement rule, the five PerKI
                          bands, maxAdjustment 0); evaluationOrder and stageLabels are validated but
                          change no number
  --inputs <file>         a result set's input record { questionnaire, period, answers, visitation,
                          presentation, advanced, submitted, adjustments? } instead of the three files
  -h, --help              show this help

Output: { status, indicators: [{ code, name, score, contribution, subIndicators? }], saq, stages,
advanced, finalScore, adjustments?: { total, applied, baseScore }, band: { code, label }, complete,
progress, inputsHash }; subIndicators [{ code, name, score }] only for an indicator whose questions are
grouped. Scores are JSON numbers with
2 decimals, rounded half up from the exact value. Exit 0 on success, 1 on invalid input, 2 on
wrong usage.`;

class InputError extends Error {}

async function readJson(file: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`cannot read the ${what} file ${file}${code ? ` (${code})` : ''}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InputError(`the ${what} file ${file} is not valid JSON: ${(error as Error).message}`);
  }
}

/** JSON with every score written with exactly 2 decimals (Decimal values), two-space indented. */
function formatJson(value: unknown, indent = ''): string {
  if (Decimal.isDecimal(value)) return value.toFixed(2);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const inner = indent + '  ';
    return `[\n${value.map((v) => inner + formatJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    const inner = indent + '  ';
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${formatJson(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

function describeErrors(errors: ValidationIssue[], files: Record<string, string>): string {
  const first = must(errors[0], 'the first validation issue');
  const role = first.path.replace(/[.[].*$/s, '');
  const strip = (path: string): string => (path.startsWith(`${role}.`) ? path.slice(role.length + 1) : path === role ? '' : path);
  const listed = errors.slice(0, 5).map((e) => ({ path: strip(e.path), message: e.message }));
  const more = errors.length > 5 ? ` (and ${errors.length - 5} more)` : '';
  const source = files[role] ? ` ${files[role]}` : '';
  return `invalid ${role}${source}: ${formatIssues(listed)}${more}`;
}

export async function run(argv: string[]): Promise<number> {
  let values: { questionnaire?: string; preset?: string; answers?: string; period?: string; inputs?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        questionnaire: { type: 'string', short: 'q' },
        preset: { type: 'string' },
        answers: { type: 'string', short: 'a' },
        period: { type: 'string', short: 'p' },
        inputs: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    console.error(`kip-monev score: ${(error as Error).message} (see kip-monev score --help)`);
    return 2;
  }
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const usage = (message: string): number => {
    console.error(`kip-monev score: ${message} (see kip-monev score --help)`);
    return 2;
  };
  if (values.inputs !== undefined && (values.questionnaire ?? values.preset ?? values.answers ?? values.period) !== undefined) {
    return usage('--inputs replaces --questionnaire, --preset, --answers and --period');
  }
  if (values.inputs === undefined) {
    if (values.questionnaire === undefined && values.preset === undefined) return usage('--questionnaire (or --preset) is required');
    if (values.questionnaire !== undefined && values.preset !== undefined) return usage('give either --questionnaire or --preset, not both');
    if (values.answers === undefined) return usage('--answers is required');
  }

  try {
    const files: Record<string, string> = {};
    let questionnaire: unknown;
    let answers: unknown;
    let period: unknown;
    if (values.inputs !== undefined) {
      const record = await readJson(values.inputs, 'inputs');
      if (typeof record !== 'object' || record === null || Array.isArray(record)) throw new InputError(`the inputs file ${values.inputs} must hold a JSON object`);
      const r = record as Record<string, unknown>;
      const allowed = ['questionnaire', 'period', 'answers', 'visitation', 'presentation', 'advanced', 'submitted', 'adjustments'];
      const unknown = Object.keys(r).filter((k) => !allowed.includes(k));
      if (unknown.length > 0) throw new InputError(`the inputs file ${values.inputs} has unknown properties: ${unknown.join(', ')}`);
      questionnaire = r.questionnaire;
      period = r.period;
      const { questionnaire: _q, period: _p, ...rest } = r;
      answers = rest;
      files.questionnaire = files.period = files.answers = values.inputs;
    } else {
      if (values.preset !== undefined) {
        const preset = getPreset(values.preset);
        if (!preset) throw new InputError(`unknown preset "${values.preset}" (available: ${listPresets().map((p) => p.code).join(', ')})`);
        questionnaire = preset.questionnaire;
        files.questionnaire = `(preset ${preset.code})`;
      } else {
        questionnaire = await readJson(values.questionnaire!, 'questionnaire');
        files.questionnaire = values.questionnaire!;
      }
      answers = await readJson(values.answers!, 'answers');
      files.answers = values.answers!;
      if (values.period !== undefined) {
        period = await readJson(values.period, 'period');
        files.period = values.period;
      }
    }
    const result = scoreFromJson({ questionnaire, answers, period });
    if (!result.ok) throw new InputError(describeErrors(result.errors, files));
    const report: ScoreReport = result.value.report;
    process.stdout.write(`${formatJson(report)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof InputError) {
      console.error(`kip-monev score: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
