// What the demo is made of: KI Provinsi Banten's categories and bodies (real names), and the
// deterministic generators of its fictional answers and corrections.
import type { AnswerValue, Question } from '../scoring/index.ts';
import { must } from '../must.ts';

/**
 * The categories as KI Banten ran monev 2025, each on its own preset; `submitted` is how many of its
 * bodies return the SAQ (77 of the 107 that get it, as in Banten 2025), the others never submit.
 */
export const CATEGORIES = [
  { code: 'OPD', name: 'Organisasi Perangkat Daerah', preset: 'monev-2025-opd', submitted: 40 },
  { code: 'PEMKAB-KOTA', name: 'Pemerintah Kabupaten/Kota', preset: 'monev-2025-pemkab-pemkot', submitted: 8 },
  { code: 'LNS', name: 'Lembaga Non Struktural', preset: 'monev-2025-lns-lpnk', submitted: 11 },
  { code: 'BUMD', name: 'Badan Usaha Milik Daerah', preset: 'monev-2025-bumd', submitted: 14 },
  { code: 'DESA', name: 'Pemerintah Desa', preset: 'monev-2025-desa', submitted: 4 },
] as const;
export type CategoryCode = (typeof CATEGORIES)[number]['code'];

const PROV = 'Provinsi Banten';
const OPD_UNITS = [
  'Dinas Komunikasi, Informatika, Statistik dan Persandian', 'Dinas Pendidikan dan Kebudayaan', 'Dinas Kesehatan',
  'Dinas Pekerjaan Umum dan Penataan Ruang', 'Dinas Perumahan Rakyat dan Kawasan Permukiman', 'Dinas Sosial',
  'Dinas Tenaga Kerja dan Transmigrasi', 'Dinas Lingkungan Hidup dan Kehutanan', 'Dinas Perhubungan',
  'Dinas Koperasi dan Usaha Kecil Menengah', 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu', 'Dinas Pariwisata',
  'Dinas Pertanian', 'Dinas Kelautan dan Perikanan', 'Dinas Perindustrian dan Perdagangan', 'Dinas Energi dan Sumber Daya Mineral',
  'Dinas Pemberdayaan Masyarakat dan Desa', 'Dinas Pemberdayaan Perempuan, Perlindungan Anak, Kependudukan dan Keluarga Berencana',
  'Dinas Kepemudaan dan Olahraga', 'Dinas Perpustakaan dan Kearsipan', 'Dinas Ketahanan Pangan', 'Dinas Kependudukan dan Pencatatan Sipil',
  'Badan Perencanaan Pembangunan Daerah', 'Badan Pengelolaan Keuangan dan Aset Daerah', 'Badan Pendapatan Daerah',
  'Badan Kepegawaian Daerah', 'Badan Pengembangan Sumber Daya Manusia Daerah', 'Badan Penanggulangan Bencana Daerah',
  'Badan Kesatuan Bangsa dan Politik', 'Badan Penghubung Daerah', 'Inspektorat', 'Sekretariat Daerah', 'Sekretariat DPRD',
  'Satuan Polisi Pamong Praja', 'Rumah Sakit Umum Daerah Cilograng', 'Rumah Sakit Umum Daerah Malingping',
  'Biro Pemerintahan dan Kesejahteraan Rakyat', 'Biro Hukum', 'Biro Umum', 'Biro Organisasi', 'Biro Administrasi Pimpinan',
  'Biro Perekonomian dan Administrasi Pembangunan', 'Biro Administrasi Pengadaan Barang dan Jasa',
  'Unit Pelaksana Teknis Daerah Pengelolaan Pendapatan Daerah Serang', 'Unit Pelaksana Teknis Daerah Laboratorium Kesehatan Daerah',
  'Unit Pelaksana Teknis Daerah Balai Latihan Kerja',
];

export const BODIES: Record<CategoryCode, string[]> = {
  // the Province's own agencies, bureaus, hospitals and technical units (46)
  OPD: OPD_UNITS.map((unit) => `${unit} ${PROV}`),
  // all 4 regencies and 4 cities of Banten
  'PEMKAB-KOTA': ['Kabupaten Lebak', 'Kabupaten Pandeglang', 'Kabupaten Serang', 'Kabupaten Tangerang', 'Kota Cilegon', 'Kota Serang', 'Kota Tangerang', 'Kota Tangerang Selatan']
    .map((r) => `Pemerintah ${r}`),
  // non-structural bodies and councils at the provincial level (20)
  LNS: [
    'Komisi Pemilihan Umum', 'Badan Pengawas Pemilihan Umum', 'Komisi Penyiaran Indonesia Daerah', 'Badan Amil Zakat Nasional',
    'Komite Nasional Olahraga Indonesia', 'Palang Merah Indonesia', 'Majelis Ulama Indonesia', 'Dewan Kerajinan Nasional Daerah',
    'Lembaga Pengembangan Tilawatil Quran', 'Dewan Pendidikan', 'Dewan Kesenian Banten', 'Dewan Riset Daerah',
    'Komisi Perlindungan Anak Daerah', 'Kwartir Daerah Gerakan Pramuka', 'Komisi Penanggulangan AIDS', 'Forum Kerukunan Umat Beragama',
    'Badan Narkotika Nasional', 'Ombudsman Republik Indonesia Perwakilan Banten', 'Korps Pegawai Republik Indonesia', 'Dewan Pengupahan',
  ].map((name) => (name.includes('Banten') ? name : `${name} ${PROV}`)),
  // provincial and regency/city enterprises (22)
  BUMD: [
    'PT Bank Pembangunan Daerah Banten', 'PT Jamkrida Banten', 'PT Agrobisnis Banten Mandiri', 'PT Banten Global Development',
    'Perumda Air Minum Tirta Kerta Raharja Kabupaten Tangerang', 'Perumda Air Minum Tirta Benteng Kota Tangerang',
    'Perumda Air Minum Tirta Albantani Kabupaten Serang', 'Perumda Air Minum Tirta Berkah Kabupaten Pandeglang',
    'Perumda Air Minum Tirta Multatuli Kabupaten Lebak', 'PT Mitra Kerta Raharja Kabupaten Tangerang', 'Perumda Pasar Niaga Kerta Raharja Kabupaten Tangerang',
    'PT Tangerang Nusantara Global Kota Tangerang', 'Perumda Pasar Kota Tangerang', 'PT Pembangunan Investasi Tangerang Selatan',
    'PT Pelabuhan Cilegon Mandiri', 'PT Cilegon Mandiri', 'Perumda Air Minum Tirta Madani Kota Serang', 'PT BPR Kabupaten Serang',
    'PT BPR Lebak', 'PT BPR Pandeglang', 'PT BPR Kerta Raharja Kabupaten Tangerang', 'Perumda Bantenmulia Kota Serang',
  ],
  // villages of the regencies (11)
  DESA: [
    'Desa Cibeber, Kabupaten Lebak', 'Desa Sukamanah, Kabupaten Pandeglang', 'Desa Kragilan, Kabupaten Serang', 'Desa Pasir Gadung, Kabupaten Tangerang',
    'Desa Citeureup, Kabupaten Pandeglang', 'Desa Warunggunung, Kabupaten Lebak', 'Desa Cikande, Kabupaten Serang', 'Desa Kelapa Dua, Kabupaten Tangerang',
    'Desa Sawarna, Kabupaten Lebak', 'Desa Tanjung Jaya, Kabupaten Pandeglang', 'Desa Carenang, Kabupaten Serang',
  ],
};

/**
 * Which bodies of a category return the SAQ: `submitted` of its `total`, the non-submitters spread
 * evenly over the list (the same ones every run).
 */
export function submits(index: number, total: number, submitted: number): boolean {
  const missing = total - submitted;
  return Math.floor(((index + 1) * missing) / total) === Math.floor((index * missing) / total);
}

/** Where a body sits: its regency or city when the name says so, otherwise the provincial capital. */
export const REGION_OF = (name: string) => /(Kabupaten|Kota) [A-Z][a-z]+( Selatan)?$/.exec(name)?.[0] ?? 'Kota Serang';

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
