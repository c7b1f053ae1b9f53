// What the demo is made of: KI Provinsi Banten's categories and bodies (real names), and the
// deterministic generators of its fictional answers and corrections.
import type { AnswerValue, Question } from '../scoring/index.ts';
import { must } from '../must.ts';

export const CATEGORIES = [
  { code: 'OPD', name: 'Organisasi Perangkat Daerah', preset: 'monev-2025-opd' },
  { code: 'PEMKAB-KOTA', name: 'Pemerintah Kabupaten/Kota', preset: 'monev-2025-pemkab-pemkot' },
  { code: 'BUMD', name: 'Badan Usaha Milik Daerah', preset: 'monev-2025-bumd' },
  // regional offices of ministries and state institutions (BPS is an LPNK; Polri and the Kejaksaan are state institutions)
  { code: 'VERTIKAL', name: 'Instansi Vertikal', preset: 'monev-2025-lns-lpnk' },
] as const;

export const BODIES: Record<(typeof CATEGORIES)[number]['code'], string[]> = {
  OPD: [
    'Dinas Komunikasi, Informatika, Statistik dan Persandian', 'Dinas Pendidikan dan Kebudayaan', 'Dinas Kesehatan',
    'Dinas Pekerjaan Umum dan Penataan Ruang', 'Dinas Perumahan Rakyat dan Kawasan Permukiman', 'Dinas Sosial',
    'Dinas Tenaga Kerja dan Transmigrasi', 'Dinas Lingkungan Hidup dan Kehutanan', 'Dinas Perhubungan',
    'Dinas Koperasi dan Usaha Kecil Menengah', 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu', 'Dinas Pariwisata',
    'Dinas Pertanian', 'Dinas Kelautan dan Perikanan', 'Dinas Perindustrian dan Perdagangan', 'Dinas Energi dan Sumber Daya Mineral',
    'Badan Perencanaan Pembangunan Daerah', 'Badan Pengelolaan Keuangan dan Aset Daerah', 'Badan Pendapatan Daerah',
    'Badan Kepegawaian Daerah', 'Inspektorat', 'Sekretariat DPRD', 'Badan Penanggulangan Bencana Daerah', 'Satuan Polisi Pamong Praja',
  ],
  'PEMKAB-KOTA': [
    'Pemerintah Kabupaten Lebak', 'Pemerintah Kabupaten Pandeglang', 'Pemerintah Kabupaten Serang', 'Pemerintah Kabupaten Tangerang',
    'Pemerintah Kota Cilegon', 'Pemerintah Kota Serang', 'Pemerintah Kota Tangerang', 'Pemerintah Kota Tangerang Selatan',
  ],
  BUMD: ['PT Bank Pembangunan Daerah Banten', 'PT Jamkrida Banten', 'PT Agrobisnis Banten Mandiri', 'PT Banten Global Development'],
  VERTIKAL: [
    'Badan Pusat Statistik Provinsi Banten', 'Kantor Wilayah Kementerian Agama Provinsi Banten', 'Kepolisian Daerah Banten', 'Kejaksaan Tinggi Banten',
  ],
};

export const REGION_OF_PEMKAB = (name: string) => name.replace('Pemerintah ', '');

/** Deterministic pseudo-random numbers (mulberry32), so every demo has the same fictional scores. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function slug(name: string): string {
  return name.toLowerCase().replace(/^(pt|dinas|badan|pemerintah) /, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40);
}

/** A fictional answer: a body of quality q meets each item with probability q. */
export function answerFor(q: Question, quality: number, rnd: () => number): AnswerValue {
  if (q.type === 'yes_no') return rnd() < quality;
  if (q.type === 'choice') {
    const options = [...(q.options ?? [])].sort((x, y) => Number(y.score) - Number(x.score));
    const r = rnd();
    const index = r < quality ? 0 : r < (quality + 1) / 2 ? Math.min(1, options.length - 1) : options.length - 1;
    return must(options[index], 'an option of a choice question').value;
  }
  return (q.items ?? []).filter(() => rnd() < quality).map((i) => i.value);
}

/** What an assessor would correct: one step down from the body's own answer. */
export function lowered(q: Question, value: AnswerValue): AnswerValue {
  if (q.type === 'yes_no') return false;
  if (q.type === 'choice') {
    const options = [...(q.options ?? [])].sort((x, y) => Number(y.score) - Number(x.score));
    const i = options.findIndex((o) => o.value === value);
    return must(options[Math.min(i + 1, options.length - 1)], 'an option of a choice question').value;
  }
  return (value as string[]).slice(0, -1);
}
