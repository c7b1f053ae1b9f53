// The categories KI Pusat evaluates (kementerian, LN/LPNK and LNS, BUMN, PTN, partai politik,
// pemerintah provinsi): the PerKI 1/2022 six-indicator SAQ with each category's Jenis Informasi.
import { checklist, group, yesNo, type PresetData, type Reference } from './build.ts';
import { daftarInformasi, informasiBadanUsaha, informasiDaerah, informasiPemerintah, sixIndicators } from './perki-2022.ts';
import { COMMON_REFS, REFS, WEIGHTS_2025 } from './sources.ts';

const YEAR = 2025;
const KI_PUSAT_REFS: Reference[] = [...COMMON_REFS, REFS.kip2023];
const INSTRUMENT = 'SAQ e-Monev PerKI 1/2022 (enam indikator, penamaan 2025): Sarana dan Prasarana dan sebagian besar Jenis Informasi '
  + 'mengikuti butir SAQ e-Monev; Komitmen Organisasi mengikuti butir penilaian yang dipublikasikan KPU Sukoharjo; butir lain ditulis dari '
  + 'kewajiban UU 14/2008 dan PerKI 1/2021 yang diukur instrumen. Pertanyaan bertanda "sample": true adalah contoh ilustratif yang tidak '
  + 'ditemukan pada instrumen publik mana pun. Bukan salinan resmi instrumen KI Pusat.';

const title = (category: string) => `SAQ Monev KIP ${YEAR} — ${category} (PerKI 1/2022)`;

export const kementerian: PresetData = {
  code: 'monev-2025-kementerian',
  description: 'Kementerian: DIP dan DIK, informasi berkala (program, LKj, laporan keuangan, akses informasi, rancangan regulasi, pengadaan), serta merta dan setiap saat, ditambah contoh Renstra/Renja dan standar pelayanan.',
  year: YEAR,
  categories: [{ code: 'kementerian', name: 'Kementerian' }],
  legacy: false,
  source: { instrument: INSTRUMENT, weights: WEIGHTS_2025, references: KI_PUSAT_REFS },
  questionnaire: {
    code: 'monev-2025-kementerian',
    title: title('Kementerian'),
    indicators: sixIndicators([
      daftarInformasi(),
      ...informasiPemerintah('Laporan Kinerja/LKj kementerian'),
      group('2.5', 'Informasi khusus kementerian', [
        yesNo('2.5.1', 'Rencana Strategis (Renstra) dan Rencana Kerja (Renja) kementerian tahun berjalan diumumkan', { sample: true }),
        yesNo('2.5.2', 'Standar pelayanan untuk setiap layanan publik kementerian diumumkan', { sample: true }),
      ]),
    ]),
  },
};

export const lnsLpnk: PresetData = {
  code: 'monev-2025-lns-lpnk',
  description: 'Lembaga negara, lembaga pemerintah nonkementerian (LPNK) dan lembaga nonstruktural (LNS): kewajiban informasi badan publik pemerintah, ditambah contoh Renstra/Renja dan laporan pelaksanaan tugas.',
  year: YEAR,
  categories: [{ code: 'ln-lpnk', name: 'Lembaga Negara/Lembaga Pemerintah Nonkementerian' }, { code: 'lns', name: 'Lembaga Nonstruktural' }],
  legacy: false,
  source: { instrument: INSTRUMENT, weights: WEIGHTS_2025, references: KI_PUSAT_REFS },
  questionnaire: {
    code: 'monev-2025-lns-lpnk',
    title: title('LN/LPNK dan LNS'),
    indicators: sixIndicators([
      daftarInformasi(),
      ...informasiPemerintah('laporan kinerja lembaga'),
      group('2.5', 'Informasi khusus lembaga', [
        yesNo('2.5.1', 'Rencana Strategis dan Rencana Kerja lembaga tahun berjalan diumumkan', { sample: true }),
        yesNo('2.5.2', 'Ringkasan laporan pelaksanaan tugas lembaga kepada Presiden dan/atau DPR diumumkan', { sample: true }),
      ]),
    ]),
  },
};

export const bumn: PresetData = {
  code: 'monev-2025-bumn',
  description: 'Badan Usaha Milik Negara: informasi perusahaan dan tata kelola menurut UU KIP Pasal 14 (anggaran dasar, pengurus, laporan teraudit, remunerasi, GCG, pengadaan), serta merta dan setiap saat.',
  year: YEAR,
  categories: [{ code: 'bumn', name: 'Badan Usaha Milik Negara' }],
  legacy: false,
  source: { instrument: INSTRUMENT, weights: WEIGHTS_2025, references: [...KI_PUSAT_REFS, REFS.uuKip14] },
  questionnaire: {
    code: 'monev-2025-bumn',
    title: title('BUMN'),
    indicators: sixIndicators([daftarInformasi(), ...informasiBadanUsaha('dewan komisaris/dewan pengawas')]),
  },
};

export const ptn: PresetData = {
  code: 'monev-2025-ptn',
  description: 'Perguruan Tinggi Negeri: kewajiban informasi badan publik pemerintah, ditambah contoh informasi khas perguruan tinggi (penerimaan mahasiswa, akreditasi, statuta, UKT).',
  year: YEAR,
  categories: [{ code: 'ptn', name: 'Perguruan Tinggi Negeri' }],
  legacy: false,
  source: { instrument: INSTRUMENT, weights: WEIGHTS_2025, references: KI_PUSAT_REFS },
  questionnaire: {
    code: 'monev-2025-ptn',
    title: title('Perguruan Tinggi Negeri'),
    indicators: sixIndicators([
      daftarInformasi(),
      ...informasiPemerintah('laporan kinerja perguruan tinggi'),
      group('2.5', 'Informasi khusus perguruan tinggi', [
        yesNo('2.5.1', 'Informasi penerimaan mahasiswa baru (jalur, daya tampung, jadwal, biaya) diumumkan', { sample: true }),
        yesNo('2.5.2', 'Status dan sertifikat akreditasi institusi serta program studi diumumkan', { sample: true }),
        yesNo('2.5.3', 'Statuta dan peraturan akademik perguruan tinggi diumumkan', { sample: true }),
        yesNo('2.5.4', 'Besaran uang kuliah tunggal (UKT)/biaya pendidikan dan kriteria keringanannya diumumkan', { sample: true }),
      ]),
    ]),
  },
};

export const parpol: PresetData = {
  code: 'monev-2025-parpol',
  description: 'Partai politik: informasi menurut UU KIP Pasal 15 (asas dan tujuan, program, kepengurusan, dana APBN/APBD, mekanisme dan keputusan partai), laporan keuangan dan penyumbang (UU 2/2008 Pasal 13).',
  year: YEAR,
  categories: [{ code: 'parpol', name: 'Partai Politik' }],
  legacy: false,
  source: { instrument: INSTRUMENT, weights: WEIGHTS_2025, references: [...KI_PUSAT_REFS, REFS.uuKip15, REFS.uuParpol] },
  questionnaire: {
    code: 'monev-2025-parpol',
    title: title('Partai Politik'),
    indicators: sixIndicators([
      daftarInformasi(),
      group('2.2', 'Informasi partai politik (UU KIP Pasal 15)', [
        yesNo('2.2.1', 'Asas dan tujuan partai diumumkan'),
        yesNo('2.2.2', 'Program umum dan kegiatan partai politik diumumkan'),
        yesNo('2.2.3', 'Nama, alamat, dan susunan kepengurusan beserta perubahannya diumumkan'),
        yesNo('2.2.4', 'Pengelolaan dan penggunaan dana yang bersumber dari APBN dan/atau APBD diumumkan', { weight: 2 }),
        yesNo('2.2.5', 'Mekanisme pengambilan keputusan partai diumumkan'),
        yesNo('2.2.6', 'Keputusan partai hasil muktamar/kongres/munas dan keputusan lain yang menurut AD/ART terbuka untuk umum diumumkan'),
      ]),
      group('2.3', 'Keuangan partai politik', [
        yesNo('2.3.1', 'Pembukuan/laporan keuangan partai beserta daftar penyumbang dan jumlah sumbangan terbuka kepada masyarakat', { weight: 2 }),
      ]),
      group('2.4', 'Informasi serta merta dan setiap saat', [
        yesNo('2.4.1', 'Informasi yang dapat mengancam hajat hidup orang banyak dan ketertiban umum diumumkan serta merta', { evidence: 'optional' }),
        checklist('2.4.2', 'Ringkasan laporan akses informasi publik yang diumumkan memuat', [
          ['jumlah', 'Jumlah permohonan informasi publik yang diterima'],
          ['waktu', 'Waktu yang diperlukan untuk memenuhi setiap permohonan'],
          ['putusan', 'Jumlah permohonan yang dikabulkan (seluruhnya atau sebagian) dan yang ditolak'],
          ['alasan', 'Alasan penolakan permohonan informasi publik'],
        ]),
      ]),
    ], 'partai'),
  },
};

export const pemprov: PresetData = {
  code: 'monev-2025-pemprov',
  description: 'Pemerintah provinsi (PPID utama): kewajiban informasi badan publik pemerintah, ditambah contoh informasi daerah (APBD dan LKPD, LPPD, perizinan dan layanan publik).',
  year: YEAR,
  categories: [{ code: 'pemprov', name: 'Pemerintah Provinsi' }],
  legacy: false,
  source: { instrument: INSTRUMENT, weights: WEIGHTS_2025, references: KI_PUSAT_REFS },
  questionnaire: {
    code: 'monev-2025-pemprov',
    title: title('Pemerintah Provinsi'),
    indicators: sixIndicators([
      daftarInformasi(),
      ...informasiPemerintah('LKjIP pemerintah provinsi'),
      informasiDaerah('provinsi'),
    ]),
  },
};
