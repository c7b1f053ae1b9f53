// The categories a provincial commission evaluates besides those of KI Pusat (KI Banten 2025: OPD,
// pemerintah kabupaten/kota, BUMD; KI Bali 2025 likewise): the same PerKI 1/2022 six indicators.
import { group, yesNo, type PresetData, type Reference } from './build.ts';
import { daftarInformasi, informasiBadanUsaha, informasiDaerah, informasiPemerintah, sixIndicators } from './perki-2022.ts';
import { COMMON_REFS, REFS, WEIGHTS_2025 } from './sources.ts';

const YEAR = 2025;
const PROVINSI_REFS: Reference[] = [...COMMON_REFS, REFS.banten2025, REFS.bali2025];
const INSTRUMENT = 'SAQ monev KI provinsi menurut PerKI 1/2022 (enam indikator, penamaan 2025 seperti KI DKI Jakarta dan KI Banten): '
  + 'Sarana dan Prasarana dan sebagian besar Jenis Informasi mengikuti butir SAQ e-Monev; Komitmen Organisasi mengikuti butir penilaian '
  + 'yang dipublikasikan KPU Sukoharjo; butir lain ditulis dari kewajiban UU 14/2008 dan PerKI 1/2021. Pertanyaan bertanda "sample": true '
  + 'adalah contoh ilustratif yang tidak ditemukan pada instrumen publik mana pun. Bukan salinan resmi instrumen komisi mana pun.';

const title = (category: string) => `SAQ Monev KIP ${YEAR} — ${category} (PerKI 1/2022)`;

export const pemkabPemkot: PresetData = {
  code: 'monev-2025-pemkab-pemkot',
  description: 'Pemerintah kabupaten/kota (PPID utama): kewajiban informasi badan publik pemerintah, ditambah contoh informasi daerah (APBD dan LKPD, LPPD, perizinan dan layanan publik).',
  year: YEAR,
  categories: [{ code: 'pemkab-pemkot', name: 'Pemerintah Kabupaten/Kota' }],
  legacy: false,
  source: { instrument: INSTRUMENT, weights: WEIGHTS_2025, references: PROVINSI_REFS },
  questionnaire: {
    code: 'monev-2025-pemkab-pemkot',
    title: title('Pemerintah Kabupaten/Kota'),
    indicators: sixIndicators([
      daftarInformasi(),
      ...informasiPemerintah('LKjIP pemerintah kabupaten/kota'),
      informasiDaerah('kabupaten/kota'),
    ]),
  },
};

export const opd: PresetData = {
  code: 'monev-2025-opd',
  description: 'Organisasi perangkat daerah (PPID pelaksana: dinas, badan, biro, sekretariat): kewajiban informasi badan publik pemerintah, ditambah contoh Renstra/Renja dan standar pelayanan perangkat daerah.',
  year: YEAR,
  categories: [{ code: 'opd', name: 'Organisasi Perangkat Daerah' }],
  legacy: false,
  source: { instrument: INSTRUMENT, weights: WEIGHTS_2025, references: PROVINSI_REFS },
  questionnaire: {
    code: 'monev-2025-opd',
    title: title('Organisasi Perangkat Daerah'),
    indicators: sixIndicators([
      daftarInformasi(),
      ...informasiPemerintah('LKjIP perangkat daerah'),
      group('2.5', 'Informasi khusus perangkat daerah', [
        yesNo('2.5.1', 'Rencana Strategis (Renstra) dan Rencana Kerja (Renja) perangkat daerah tahun berjalan diumumkan', { sample: true }),
        yesNo('2.5.2', 'Standar pelayanan untuk setiap layanan publik perangkat daerah diumumkan', { sample: true }),
      ]),
    ]),
  },
};

export const bumd: PresetData = {
  code: 'monev-2025-bumd',
  description: 'Badan Usaha Milik Daerah (perseroda dan perumda): informasi perusahaan dan tata kelola menurut UU KIP Pasal 14 (anggaran dasar, pengurus, laporan teraudit, remunerasi, GCG, pengadaan), serta merta dan setiap saat.',
  year: YEAR,
  categories: [{ code: 'bumd', name: 'Badan Usaha Milik Daerah' }],
  legacy: false,
  source: { instrument: INSTRUMENT, weights: WEIGHTS_2025, references: [...PROVINSI_REFS, REFS.uuKip14] },
  questionnaire: {
    code: 'monev-2025-bumd',
    title: title('BUMD'),
    indicators: sixIndicators([daftarInformasi(), ...informasiBadanUsaha('dewan komisaris (perseroda)/dewan pengawas (perumda)')]),
  },
};
