// Pemerintah desa (KI Banten 2025, KI Jatim 2023, KI Bali 2025 evaluate villages): the PerKI 1/2022
// six indicators, with the village's duties under UU KIP. PerKI 1/2018 (Standar Layanan Informasi
// Publik Desa) itself was not found in a readable public copy, so the desa-specific items of its list
// (APB Desa, RPJM/RKP Desa, laporan penyelenggaraan) are marked as samples.
import { choice, group, yesNo, type PresetData } from './build.ts';
import { sixIndicators } from './perki-2022.ts';
import { COMMON_REFS, REFS, WEIGHTS_2025 } from './sources.ts';

const YEAR = 2025;

export const desa: PresetData = {
  code: 'monev-2025-desa',
  description: 'Pemerintah desa: DIP desa, informasi berkala desa (profil, APB Desa, RPJM/RKP Desa), serta merta dan setiap saat (peraturan desa, rencana kerja, perjanjian), PPID dan peraturan desa tentang keterbukaan informasi.',
  year: YEAR,
  categories: [{ code: 'desa', name: 'Pemerintah Desa' }],
  legacy: false,
  source: {
    instrument: 'SAQ monev KI provinsi untuk kategori desa menurut PerKI 1/2022 (enam indikator), dengan standar layanan desa PerKI 1/2018: '
      + 'butir Sarana dan Prasarana dan Komitmen Organisasi disederhanakan untuk desa; informasi desa ditulis dari UU 14/2008 Pasal 9–11. '
      + 'Naskah PerKI 1/2018 tidak ditemukan, sehingga butir khas desa (APB Desa, RPJM/RKP Desa, laporan penyelenggaraan, papan informasi) '
      + 'bertanda "sample": true, seperti butir lain yang tidak ditemukan pada instrumen publik mana pun. Bukan salinan resmi instrumen komisi mana pun.',
    weights: `${WEIGHTS_2025} Untuk desa, komisi dapat memakai bobot lain; sumber bobot khusus desa tidak ditemukan.`,
    references: [...COMMON_REFS, REFS.banten2025, REFS.bali2025, REFS.jatimDesa, REFS.perdesPekuncen, REFS.desaWebsite],
  },
  questionnaire: {
    code: 'monev-2025-desa',
    title: `SAQ Monev KIP ${YEAR} — Pemerintah Desa (PerKI 1/2022)`,
    indicators: sixIndicators([
      group('2.1', 'Daftar Informasi Publik', [
        choice('2.1.1', 'Daftar Informasi Publik desa ditetapkan dan dimutakhirkan', [
          ['mutakhir', 'Ditetapkan dan dimutakhirkan pada tahun berjalan', 1],
          ['lama', 'Ditetapkan, belum dimutakhirkan pada tahun berjalan', 0.5],
          ['belum', 'Belum ditetapkan', 0],
        ], { weight: 2 }),
      ]),
      group('2.2', 'Informasi yang wajib diumumkan secara berkala', [
        yesNo('2.2.1', 'Profil desa dan struktur pemerintahan desa diumumkan'),
        yesNo('2.2.2', 'Informasi kegiatan dan kinerja pemerintah desa diumumkan'),
        yesNo('2.2.3', 'APB Desa tahun berjalan dan laporan realisasinya diumumkan', { weight: 2, sample: true }),
        yesNo('2.2.4', 'RPJM Desa dan RKP Desa diumumkan', { sample: true }),
        yesNo('2.2.5', 'Ringkasan laporan penyelenggaraan pemerintahan desa diumumkan', { sample: true }),
      ]),
      group('2.3', 'Informasi yang wajib diumumkan secara serta merta', [
        yesNo('2.3.1', 'Informasi bencana atau keadaan darurat yang mengancam hajat hidup warga diumumkan serta merta', { evidence: 'optional' }),
      ]),
      group('2.4', 'Informasi yang wajib tersedia setiap saat', [
        yesNo('2.4.1', 'Peraturan desa dan keputusan kepala desa beserta pertimbangan dan dokumen pendukungnya tersedia'),
        yesNo('2.4.2', 'Rencana kerja kegiatan desa termasuk perkiraan pengeluaran tahunannya tersedia'),
        yesNo('2.4.3', 'Perjanjian desa dengan pihak ketiga tersedia'),
      ]),
    ], 'desa'),
  },
};
