// Ready-made questionnaires on the PerKI 1/2022 six-indicator structure with KI Pusat's 2025
// indicator weights (Jenis Informasi 40, Digitalisasi 20, Kualitas Informasi 10, Pelayanan
// Informasi 10, Komitmen Organisasi 10, Sarana dan Prasarana 10). The questions are paraphrased
// examples for a commission to start from, not an official instrument. Each data file is a plain
// questionnaire, so it can also be passed to `kip-monev score --questionnaire` as it is.
import bumd from './presets/perki-2022-bumd.json' with { type: 'json' };
import pemprov from './presets/perki-2022-pemprov.json' with { type: 'json' };
import type { Questionnaire } from './types.ts';
import { formatIssues } from './issues.ts';
import { validateQuestionnaire } from './validate-questionnaire.ts';

export interface Preset { code: string; title: string; description: string; questionnaire: Questionnaire }

const sources: { description: string; data: unknown }[] = [
  {
    description: 'Badan publik pemerintah provinsi dan perangkat daerah (OPD): DIP, informasi berkala, laman PPID, SOP layanan, anggaran PPID, ruang layanan.',
    data: pemprov,
  },
  {
    description: 'Badan Usaha Milik Daerah (BUMD): informasi perusahaan menurut Pasal 14 UU KIP, laporan keuangan teraudit, tarif layanan, RKAP, kanal pelanggan.',
    data: bumd,
  },
];

function load(): Preset[] {
  return sources.map(({ description, data }) => {
    const result = validateQuestionnaire(data);
    if (!result.ok) throw new Error(`invalid preset questionnaire: ${formatIssues(result.errors)}`);
    const q = result.value;
    return { code: q.code, title: q.title, description, questionnaire: q };
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
