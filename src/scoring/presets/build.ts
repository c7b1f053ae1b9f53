// Small constructors that keep the preset data short: a question, a sub-indicator with its
// questions, an indicator. They only assemble plain objects (docs/scoring.md §2); every preset is still
// validated by validateQuestionnaire when it is loaded (src/scoring/presets.ts).
import type { EvidenceRule, Indicator, Question, SubIndicator } from '../types.ts';

export interface Reference {
  /** What the document is, in a few words (publisher, title, year). */
  title: string;
  url: string;
  /** Which parts of the presets were written from it. */
  usedFor: string;
}

export interface PresetCategory { code: string; name: string }

/** One ready-made questionnaire and where it comes from (GET /api/v1/questionnaire-presets). */
export interface PresetData {
  code: string;
  description: string;
  /** The monev year the instrument is for. */
  year: number;
  /** The body categories it is written for. */
  categories: PresetCategory[];
  /** Kept only so that its code keeps working; a newer preset replaces it. */
  legacy: boolean;
  source: {
    /** The instrument(s) the questions follow, and which of them are illustrative samples. */
    instrument: string;
    /** Where the indicator weights come from, and what is assumed. */
    weights: string;
    references: Reference[];
  };
  questionnaire: { code: string; title: string; indicators: Indicator[] };
}

interface Options { weight?: number; evidence?: EvidenceRule; sample?: boolean }

function base(code: string, text: string, o: Options): Pick<Question, 'code' | 'text' | 'weight' | 'evidence' | 'sample'> {
  return { code, text, weight: o.weight ?? 1, evidence: o.evidence ?? 'required', ...(o.sample ? { sample: true as const } : {}) };
}

/** A yes/no question; evidence required unless told otherwise. */
export function yesNo(code: string, text: string, o: Options = {}): Question {
  return { ...base(code, text, o), type: 'yes_no' };
}

/** A graded question: [value, label, score] per option, one of them scoring 1. */
export function choice(code: string, text: string, options: [string, string, number][], o: Options = {}): Question {
  return { ...base(code, text, o), type: 'choice', options: options.map(([value, label, score]) => ({ value, label, score })) };
}

/** A checklist: [value, label] per item; s(q) is the share of items ticked. */
export function checklist(code: string, text: string, items: [string, string][], o: Options = {}): Question {
  return { ...base(code, text, o), type: 'checklist', items: items.map(([value, label]) => ({ value, label })) };
}

export interface Group { sub: SubIndicator; questions: Question[] }

/** A sub-indicator and its questions (each question is given the sub-indicator's code). */
export function group(code: string, name: string, questions: Question[]): Group {
  return { sub: { code, name }, questions: questions.map((q) => ({ ...q, subIndicator: code })) };
}

/** An indicator made of sub-indicators, in order. */
export function indicator(code: string, name: string, weight: number, groups: Group[]): Indicator {
  return { code, name, weight, subIndicators: groups.map((g) => g.sub), questions: groups.flatMap((g) => g.questions) };
}
