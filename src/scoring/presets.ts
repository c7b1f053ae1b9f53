// Ready-made questionnaires (docs/scoring.md §2), one per body category commissions evaluate, each with
// its provenance: the instrument and public references it was written from, where its weights come
// from, and which of its questions are illustrative samples (`"sample": true`). The data lives in
// src/scoring/presets/, one file per instrument family; every preset is validated when first loaded.
import type { PresetCategory, PresetData, Reference } from './presets/build.ts';
import { desa } from './presets/desa.ts';
import { bumn, kementerian, lnsLpnk, parpol, pemprov, ptn } from './presets/ki-pusat.ts';
import { bumd, opd, pemkabPemkot } from './presets/ki-provinsi.ts';
import { legacyBumd, legacyPemprov } from './presets/legacy.ts';
import type { Questionnaire } from './types.ts';
import { formatIssues } from './issues.ts';
import { validateQuestionnaire } from './validate-questionnaire.ts';

export type { PresetCategory, Reference };

export interface Preset {
  code: string;
  title: string;
  description: string;
  year: number;
  categories: PresetCategory[];
  legacy: boolean;
  source: PresetData['source'];
  /** How many of its questions are marked `"sample": true` (not traced to a public instrument). */
  sampleQuestionCount: number;
  questionnaire: Questionnaire;
}

/** In the order GET /questionnaire-presets lists them: KI Pusat's categories, a province's, then the legacy examples. */
const DATA: PresetData[] = [kementerian, lnsLpnk, bumn, ptn, parpol, pemprov, pemkabPemkot, opd, bumd, desa, legacyPemprov, legacyBumd];

function load(): Preset[] {
  return DATA.map((data) => {
    const result = validateQuestionnaire(data.questionnaire);
    if (!result.ok) throw new Error(`invalid preset questionnaire ${data.code}: ${formatIssues(result.errors)}`);
    const q = result.value;
    if (q.code !== data.code) throw new Error(`preset ${data.code}: its questionnaire has code ${q.code}`);
    const sampleQuestionCount = q.indicators.reduce((n, i) => n + i.questions.filter((question) => question.sample === true).length, 0);
    return {
      code: data.code, title: q.title, description: data.description, year: data.year, categories: data.categories,
      legacy: data.legacy, source: data.source, sampleQuestionCount, questionnaire: q,
    };
  });
}

let presets: Preset[] | null = null;

/** The ready-made questionnaires. Each call returns fresh copies, so callers may change them. */
export function listPresets(): Preset[] {
  presets ??= load();
  return presets.map((p) => structuredClone(p));
}

export function getPreset(code: string): Preset | null {
  return listPresets().find((p) => p.code === code) ?? null;
}
