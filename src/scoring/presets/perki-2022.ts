// The six indicators of PerKI 1/2022 as the 2025 instruments name them, and the questions every
// category shares. Numbering follows the e-Monev SAQ (1 Sarana Prasarana, 2 Jenis Informasi, as in
// its codes 1.0.0.0 and 2.0.0.0); the order of indicators 3–6 is not given by a source found and is
// assumed. A question is `sample: true` when no reference in sources.ts supports it.
import { checklist, choice, group, indicator, yesNo, type Group } from './build.ts';
import type { Indicator } from '../types.ts';

export const WEIGHTS = { SP: 10, JI: 40, KI: 10, KO: 10, PI: 10, DG: 20 } as const;

/** 1 Sarana dan Prasarana: the SAQ's 1.1.1.x (electronic) and 1.1.2.x (non-electronic) services. */
export function saranaPrasarana(kind: 'badan_publik' | 'desa' = 'badan_publik'): Indicator {
  const desa = kind === 'desa';
  return indicator('SP', 'Sarana dan Prasarana', WEIGHTS.SP, [
    group('1.1', 'Layanan informasi elektronik', [
      desa
        ? yesNo('1.1.1', 'Desa memiliki laman (website) desa atau laman PPID desa yang aktif dan memuat Daftar Informasi Publik desa')
        : yesNo('1.1.1', 'Laman resmi badan publik memiliki menu PPID yang terintegrasi dengan kanal informasi publik dan memuat Daftar Informasi Publik (DIP) serta Daftar Informasi yang Dikecualikan (DIK)'),
      yesNo('1.1.2', 'Tersedia media audio visual, papan informasi elektronik, atau media sejenis yang menayangkan layanan informasi publik'),
      ...(desa ? [] : [yesNo('1.1.3', 'Badan publik memiliki aplikasi layanan keterbukaan informasi/PPID berbasis mobile yang dapat diakses umum')]),
      yesNo(desa ? '1.1.3' : '1.1.4', 'Layanan informasi elektronik menyediakan aksesibilitas bagi penyandang disabilitas'),
    ]),
    group('1.2', 'Layanan informasi non-elektronik', [
      yesNo('1.2.1', desa ? 'Tersedia tempat atau meja khusus layanan informasi publik di kantor desa' : 'Tersedia ruang khusus layanan informasi/PPID yang dilengkapi meja layanan'),
      checklist('1.2.2', 'Perangkat layanan informasi yang tersedia di tempat layanan', [
        ['formulir_permohonan', 'Formulir permohonan informasi'],
        ['formulir_keberatan', 'Formulir keberatan'],
        ['register', 'Daftar register permohonan informasi'],
        ['jadwal', 'Jadwal pelayanan informasi publik'],
      ]),
      yesNo('1.2.3', 'Tempat layanan informasi dapat diakses penyandang disabilitas (mis. jalur landai, kursi roda, petugas pendamping)'),
      ...(desa
        ? [yesNo('1.2.4', 'Papan informasi desa (termasuk papan/baliho APB Desa) dipasang di tempat yang mudah dilihat masyarakat', { sample: true })]
        : []),
    ]),
  ]);
}

/** 2.1 of every Jenis Informasi: the DIP (format of PerKI 1/2021, as the SAQ asks) and the DIK. */
export function daftarInformasi(what = 'Daftar Informasi Publik (DIP)'): Group {
  return group('2.1', 'Daftar Informasi Publik', [
    choice('2.1.1', `${what} ditetapkan dan dimutakhirkan sesuai format PerKI 1/2021 tentang Standar Layanan Informasi Publik`, [
      ['mutakhir', 'Ditetapkan dan dimutakhirkan pada tahun berjalan', 1],
      ['lama', 'Ditetapkan, belum dimutakhirkan pada tahun berjalan', 0.5],
      ['belum', 'Belum ditetapkan', 0],
    ], { weight: 2 }),
    yesNo('2.1.2', 'Daftar Informasi yang Dikecualikan (DIK) ditetapkan berdasarkan uji konsekuensi'),
  ]);
}

/**
 * 2.2–2.4 of a government body's Jenis Informasi: informasi berkala (UU KIP Pasal 9, PerKI 1/2021),
 * serta merta (Pasal 10) and setiap saat (Pasal 11, the SAQ's 2.2.0.0–2.4.0.0). `kinerja` names the
 * body's performance report (LKjIP, LAKIP, laporan kinerja).
 */
export function informasiPemerintah(kinerja: string): Group[] {
  return [
    group('2.2', 'Informasi yang wajib diumumkan secara berkala', [
      yesNo('2.2.1', 'Ringkasan informasi tentang program dan/atau kegiatan yang sedang dijalankan diumumkan'),
      yesNo('2.2.2', `Ringkasan laporan kinerja (${kinerja}) diumumkan`),
      checklist('2.2.3', 'Informasi laporan keuangan yang diumumkan', [
        ['realisasi_anggaran', 'Rencana dan laporan realisasi anggaran'],
        ['neraca', 'Neraca'],
        ['arus_kas', 'Laporan arus kas dan catatan atas laporan keuangan'],
        ['aset', 'Daftar aset dan investasi'],
      ], { weight: 2 }),
      checklist('2.2.4', 'Ringkasan laporan akses informasi publik yang diumumkan memuat', [
        ['jumlah', 'Jumlah permohonan informasi publik yang diterima'],
        ['waktu', 'Waktu yang diperlukan untuk memenuhi setiap permohonan'],
        ['putusan', 'Jumlah permohonan yang dikabulkan (seluruhnya atau sebagian) dan yang ditolak'],
        ['alasan', 'Alasan penolakan permohonan informasi publik'],
      ]),
      yesNo('2.2.5', 'Daftar rancangan dan tahap pembentukan peraturan, keputusan, dan/atau kebijakan yang sedang dalam proses pembuatan diumumkan'),
      yesNo('2.2.6', 'Informasi tentang pengadaan barang dan jasa diumumkan'),
      yesNo('2.2.7', 'Informasi tentang hak dan tata cara memperoleh informasi publik, serta tata cara pengajuan keberatan dan sengketa informasi, diumumkan'),
    ]),
    group('2.3', 'Informasi yang wajib diumumkan secara serta merta', [
      yesNo('2.3.1', 'Prosedur peringatan dini dan evakuasi keadaan darurat diumumkan'),
      yesNo('2.3.2', 'Informasi yang dapat mengancam hajat hidup orang banyak dan ketertiban umum (sesuai kewenangan) diumumkan serta merta dengan cara yang mudah dijangkau', { evidence: 'optional' }),
    ]),
    group('2.4', 'Informasi yang wajib tersedia setiap saat', [
      checklist('2.4.1', 'Informasi tentang peraturan, keputusan, dan/atau kebijakan yang tersedia beserta dokumen pendukungnya', [
        ['masukan', 'Masukan dari berbagai pihak atas peraturan, keputusan, atau kebijakan yang dibentuk'],
        ['risalah', 'Risalah rapat proses pembentukan peraturan, keputusan, atau kebijakan'],
        ['rancangan', 'Rancangan peraturan, keputusan, atau kebijakan'],
        ['terbit', 'Peraturan, keputusan, dan/atau kebijakan yang telah diterbitkan'],
      ]),
      checklist('2.4.2', 'Informasi tentang organisasi, administrasi, kepegawaian, dan keuangan yang tersedia', [
        ['pedoman', 'Pedoman pengelolaan organisasi, administrasi, personil, dan keuangan'],
        ['profil_pegawai', 'Profil lengkap pimpinan dan pegawai'],
        ['anggaran', 'Anggaran badan publik (umum dan unit pelaksana teknis) beserta laporan keuangannya'],
        ['statistik', 'Data statistik yang dibuat dan dikelola badan publik'],
      ]),
      yesNo('2.4.3', 'Surat-surat perjanjian badan publik dengan pihak ketiga beserta dokumen pendukungnya tersedia'),
    ]),
  ];
}

/** 3 Kualitas Informasi: the profile of the body (DKI 2025) and how information is kept and written (UU KIP Pasal 9). */
export function kualitasInformasi(kind: 'badan_publik' | 'partai' | 'desa' = 'badan_publik'): Indicator {
  const profil: [string, string][] = kind === 'desa'
    ? [['alamat', 'Alamat kantor desa dan wilayah administratif'], ['visi_misi', 'Visi dan misi kepala desa'],
        ['tugas', 'Tugas dan fungsi pemerintah desa'], ['struktur', 'Struktur organisasi pemerintah desa dan BPD'], ['pimpinan', 'Profil singkat kepala desa dan perangkat desa']]
    : kind === 'partai'
      ? [['alamat', 'Alamat kantor/sekretariat partai'], ['visi_misi', 'Visi dan misi partai'], ['tugas', 'Tugas dan fungsi organ partai'],
          ['struktur', 'Struktur organisasi kepengurusan'], ['pimpinan', 'Profil singkat pimpinan partai']]
      : [['alamat', 'Kedudukan, domisili, dan alamat lengkap'], ['visi_misi', 'Visi dan misi'], ['tugas', 'Tugas dan fungsi'],
          ['struktur', 'Struktur organisasi'], ['pimpinan', 'Profil singkat pimpinan']];
  return indicator('KI', 'Kualitas Informasi', WEIGHTS.KI, [
    group('3.1', 'Profil badan publik', [
      checklist('3.1.1', 'Informasi profil badan publik yang diumumkan', profil),
      yesNo('3.1.2', 'Profil pimpinan dan pegawai (nama, riwayat karier atau jabatan, riwayat pendidikan) tersedia'),
    ]),
    group('3.2', 'Mutu penyajian informasi', [
      choice('3.2.1', 'Informasi yang wajib diumumkan secara berkala dimutakhirkan', [
        ['enam_bulan', 'Paling lambat setiap 6 bulan', 1],
        ['tahunan', 'Lebih jarang dari 6 bulan, paling lambat setahun', 0.5],
        ['tidak', 'Tidak dimutakhirkan', 0],
      ]),
      yesNo('3.2.2', 'Informasi disampaikan dengan cara yang mudah dijangkau masyarakat dan dalam bahasa yang mudah dipahami'),
      yesNo('3.2.3', 'Setiap informasi yang diumumkan mencantumkan tanggal pembaruan dan unit penanggung jawabnya', { sample: true }),
    ]),
  ]);
}

/** 4 Komitmen Organisasi: legality, activity and budget of the PPID (KPU Sukoharjo 2024). */
export function komitmenOrganisasi(kind: 'badan_publik' | 'desa' = 'badan_publik'): Indicator {
  const desa = kind === 'desa';
  return indicator('KO', 'Komitmen Organisasi', WEIGHTS.KO, [
    group('4.1', 'Legalitas', [
      yesNo('4.1.1', desa
        ? 'PPID desa beserta struktur dan personilnya ditetapkan dengan keputusan kepala desa'
        : 'PPID beserta struktur dan personilnya ditetapkan dengan keputusan pimpinan badan publik'),
      ...(desa ? [yesNo('4.1.2', 'Desa menetapkan peraturan desa tentang keterbukaan dan layanan informasi publik desa')] : [
        checklist('4.1.2', 'SOP pelayanan informasi publik yang telah ditetapkan', [
          ['dip', 'SOP penyusunan Daftar Informasi Publik'],
          ['permohonan', 'SOP pelayanan permohonan informasi publik'],
          ['uji', 'SOP uji konsekuensi informasi publik'],
          ['keberatan', 'SOP penanganan keberatan'],
          ['sengketa', 'SOP fasilitasi sengketa informasi'],
          ['maklumat', 'SOP maklumat pelayanan informasi publik'],
        ]),
      ]),
      yesNo('4.1.3', 'Maklumat pelayanan informasi publik diumumkan di tempat yang mudah diakses publik'),
    ]),
    group('4.2', 'Pelaksanaan dan penganggaran', [
      yesNo('4.2.1', 'Badan publik menyelenggarakan kegiatan ke-PPID-an dan/atau kegiatan tata kelola informasi publik pada tahun berjalan'),
      desa
        ? yesNo('4.2.2', 'APB Desa mengalokasikan anggaran untuk pelaksanaan tugas PPID desa')
        : checklist('4.2.2', 'Anggaran untuk tugas dan fungsi PPID dialokasikan, sekurang-kurangnya untuk', [
          ['bimtek', 'Bimbingan teknis atau kegiatan sejenis'],
          ['honor', 'Honor pelaksana'],
          ['ti', 'Peningkatan sarana dan prasarana teknologi informasi'],
          ['rapat', 'Rapat dan penguatan kelembagaan PPID'],
        ]),
      yesNo('4.2.3', 'Pimpinan badan publik menerbitkan arahan atau kebijakan tertulis untuk mendorong keterbukaan informasi', { sample: true }),
    ]),
  ]);
}

/** 5 Pelayanan Informasi (2025; formerly Inovasi dan Strategi): service times, objections, reporting. */
export function pelayananInformasi(): Indicator {
  return indicator('PI', 'Pelayanan Informasi', WEIGHTS.PI, [
    group('5.1', 'Pelayanan permohonan informasi', [
      choice('5.1.1', 'Permohonan informasi publik dijawab paling lambat 10 hari kerja (dapat diperpanjang paling lama 7 hari kerja)', [
        ['semua', 'Semua permohonan dijawab dalam jangka waktu', 1],
        ['sebagian', 'Sebagian permohonan dijawab melewati jangka waktu', 0.5],
        ['tidak_tercatat', 'Tidak tercatat dalam register', 0],
      ]),
      yesNo('5.1.2', 'Keberatan ditanggapi atasan PPID paling lambat 30 hari kerja dan dicatat dalam register keberatan'),
      yesNo('5.1.3', 'Standar biaya perolehan salinan informasi publik ditetapkan dan diumumkan'),
    ]),
    group('5.2', 'Pelaporan dan evaluasi layanan', [
      yesNo('5.2.1', 'Laporan layanan informasi publik tahun sebelumnya diumumkan dan salinannya disampaikan kepada Komisi Informasi'),
      yesNo('5.2.2', 'Badan publik melakukan survei kepuasan atau evaluasi berkala atas layanan informasi publik', { sample: true }),
      choice('5.2.3', 'Putusan Komisi Informasi atas sengketa informasi yang melibatkan badan publik', [
        ['dilaksanakan', 'Tidak ada sengketa, atau seluruh putusan telah dilaksanakan', 1],
        ['sebagian', 'Sebagian putusan telah dilaksanakan', 0.5],
        ['tidak', 'Putusan belum dilaksanakan', 0],
      ], { evidence: 'optional', sample: true }),
    ]),
  ]);
}

/** 6 Digitalisasi (and innovation in information services, DKI 2025). */
export function digitalisasi(): Indicator {
  return indicator('DG', 'Digitalisasi', WEIGHTS.DG, [
    group('6.1', 'Layanan informasi digital', [
      yesNo('6.1.1', 'Permohonan informasi dan pengajuan keberatan dapat dilakukan secara daring, dan tindak lanjutnya dapat dipantau pemohon', { weight: 2 }),
      checklist('6.1.2', 'Kanal digital yang dipakai untuk menyebarluaskan informasi publik dan maklumat pelayanan', [
        ['laman', 'Laman resmi PPID dan/atau badan publik'],
        ['media_sosial', 'Media sosial PPID dan/atau badan publik'],
        ['aplikasi', 'Aplikasi berbasis teknologi informasi'],
      ], { weight: 2 }),
      yesNo('6.1.3', 'DIP, DIK, dan dokumen informasi berkala dapat diunduh langsung dari laman PPID', { weight: 2 }),
    ]),
    group('6.2', 'Inovasi digital', [
      yesNo('6.2.1', 'Badan publik memiliki inovasi layanan informasi berbasis digital (mis. chatbot, dasbor data, layanan informasi terpadu)', { sample: true }),
      yesNo('6.2.2', 'Data statistik yang dikelola badan publik tersedia dalam format terbuka yang dapat diolah mesin (mis. CSV, XLSX)', { sample: true }),
    ]),
  ]);
}

/** The six indicators in SAQ order, with the category's Jenis Informasi. */
export function sixIndicators(jenisInformasi: Group[], kind: 'badan_publik' | 'partai' | 'desa' = 'badan_publik'): Indicator[] {
  return [
    saranaPrasarana(kind === 'desa' ? 'desa' : 'badan_publik'),
    indicator('JI', 'Jenis Informasi', WEIGHTS.JI, jenisInformasi),
    kualitasInformasi(kind),
    komitmenOrganisasi(kind === 'desa' ? 'desa' : 'badan_publik'),
    pelayananInformasi(),
    digitalisasi(),
  ];
}

/**
 * 2.2–2.4 of a state- or region-owned enterprise's Jenis Informasi: UU KIP Pasal 14 (BUMN, BUMD),
 * then serta merta and setiap saat. `pengawas` names the supervisory organ (dewan komisaris/dewan pengawas).
 */
export function informasiBadanUsaha(pengawas: string): Group[] {
  return [
    group('2.2', 'Informasi perusahaan (UU KIP Pasal 14 huruf a–d)', [
      checklist('2.2.1', 'Informasi sebagaimana tercantum dalam anggaran dasar yang diumumkan', [
        ['kedudukan', 'Nama dan tempat kedudukan'],
        ['tujuan', 'Maksud dan tujuan serta jenis kegiatan usaha'],
        ['jangka_waktu', 'Jangka waktu pendirian'],
        ['modal', 'Permodalan'],
      ]),
      yesNo('2.2.2', `Nama lengkap pemegang saham, anggota direksi, dan anggota ${pengawas} diumumkan`),
      checklist('2.2.3', 'Laporan yang telah diaudit yang diumumkan', [
        ['tahunan', 'Laporan tahunan'],
        ['keuangan', 'Laporan keuangan (neraca dan laporan laba rugi)'],
        ['tjsl', 'Laporan tanggung jawab sosial perusahaan'],
      ], { weight: 2 }),
      yesNo('2.2.4', 'Hasil penilaian oleh auditor eksternal, lembaga pemeringkat kredit, dan lembaga pemeringkat lainnya diumumkan'),
    ]),
    group('2.3', 'Tata kelola perusahaan (UU KIP Pasal 14 huruf e–m)', [
      yesNo('2.3.1', `Sistem dan alokasi dana remunerasi anggota ${pengawas} dan direksi diumumkan`),
      yesNo('2.3.2', `Mekanisme penetapan direksi dan ${pengawas} diumumkan`),
      yesNo('2.3.3', 'Pedoman pelaksanaan tata kelola perusahaan yang baik (transparansi, akuntabilitas, pertanggungjawaban, kemandirian, kewajaran) diumumkan'),
      yesNo('2.3.4', 'Mekanisme pengadaan barang dan jasa diumumkan'),
      yesNo('2.3.5', 'Kasus hukum yang terbuka menurut undang-undang, penerbitan efek bersifat utang, penggantian akuntan, perubahan tahun fiskal, serta penugasan pemerintah/kewajiban pelayanan umum/subsidi diumumkan bila terjadi', { evidence: 'optional' }),
    ]),
    group('2.4', 'Informasi serta merta dan setiap saat', [
      yesNo('2.4.1', 'Prosedur peringatan dini dan evakuasi keadaan darurat diumumkan'),
      yesNo('2.4.2', 'Informasi yang dapat mengancam hajat hidup orang banyak dan ketertiban umum (mis. gangguan layanan yang meluas) diumumkan serta merta', { evidence: 'optional' }),
      checklist('2.4.3', 'Ringkasan laporan akses informasi publik yang diumumkan memuat', [
        ['jumlah', 'Jumlah permohonan informasi publik yang diterima'],
        ['waktu', 'Waktu yang diperlukan untuk memenuhi setiap permohonan'],
        ['putusan', 'Jumlah permohonan yang dikabulkan (seluruhnya atau sebagian) dan yang ditolak'],
        ['alasan', 'Alasan penolakan permohonan informasi publik'],
      ]),
      yesNo('2.4.4', 'Surat-surat perjanjian dengan pihak ketiga beserta dokumen pendukungnya tersedia'),
    ]),
  ];
}

/** 2.5 of a regional government: APBD/LKPD, LPPD, licences (illustrative). */
export function informasiDaerah(level: 'provinsi' | 'kabupaten/kota'): Group {
  return group('2.5', 'Informasi khusus pemerintah daerah', [
    yesNo('2.5.1', `Ringkasan APBD ${level} tahun berjalan dan Laporan Keuangan Pemerintah Daerah (LKPD) yang telah diperiksa BPK diumumkan`, { sample: true }),
    yesNo('2.5.2', 'Ringkasan Laporan Penyelenggaraan Pemerintahan Daerah (LPPD) diumumkan', { sample: true }),
    yesNo('2.5.3', 'Informasi perizinan dan layanan publik daerah (persyaratan, waktu, biaya) diumumkan', { sample: true }),
  ]);
}
