// The two illustrative questionnaires shipped before the presets had provenance. Their codes keep
// working (API clients, scripts and `kip-monev score --preset` may name them), but every question is
// an invented example (`"sample": true`): for a real monev start from the monev-2025-* presets.
import bumdJson from './perki-2022-bumd.json' with { type: 'json' };
import pemprovJson from './perki-2022-pemprov.json' with { type: 'json' };
import type { PresetData } from './build.ts';
import type { Indicator } from '../types.ts';
import { REFS } from './sources.ts';

const INSTRUMENT = 'Contoh ilustratif yang disusun untuk kip-monev di atas struktur enam indikator PerKI 1/2022; tidak disalin dari '
  + 'instrumen komisi mana pun, sehingga setiap pertanyaannya bertanda "sample": true. Dipertahankan agar kodenya tetap dapat dipakai.';
const WEIGHTS = 'Bobot indikator 40/20/10/10/10/10 seperti preset monev-2025-* (lihat di sana asal dan asumsinya); bobot pertanyaan '
  + 'dan skor opsi adalah asumsi.';

/** The JSON files hold plain questionnaires (they also work with `kip-monev score --questionnaire`). */
const questionnaire = (json: { code: string; title: string; indicators: unknown[] }) =>
  json as unknown as PresetData['questionnaire'] & { indicators: Indicator[] };

export const legacyPemprov: PresetData = {
  code: 'perki-2022-pemprov',
  description: 'Contoh lama (ilustratif) untuk pemerintah provinsi dan OPD: DIP, informasi berkala, laman PPID, SOP layanan, anggaran PPID, ruang layanan. Gunakan monev-2025-pemprov atau monev-2025-opd.',
  year: 2025,
  categories: [{ code: 'pemprov', name: 'Pemerintah Provinsi' }, { code: 'opd', name: 'Organisasi Perangkat Daerah' }],
  legacy: true,
  source: { instrument: INSTRUMENT, weights: WEIGHTS, references: [REFS.kip2022, REFS.kepriWeights] },
  questionnaire: questionnaire(pemprovJson),
};

export const legacyBumd: PresetData = {
  code: 'perki-2022-bumd',
  description: 'Contoh lama (ilustratif) untuk BUMD: informasi perusahaan menurut Pasal 14 UU KIP, laporan keuangan teraudit, tarif layanan, RKAP, kanal pelanggan. Gunakan monev-2025-bumd.',
  year: 2025,
  categories: [{ code: 'bumd', name: 'Badan Usaha Milik Daerah' }],
  legacy: true,
  source: { instrument: INSTRUMENT, weights: WEIGHTS, references: [REFS.kip2022, REFS.kepriWeights, REFS.uuKip14] },
  questionnaire: questionnaire(bumdJson),
};
