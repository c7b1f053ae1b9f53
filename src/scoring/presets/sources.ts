// The public material the presets were written from. Each preset lists the ones it uses; a question
// that none of them supports is marked `"sample": true` in its questionnaire.
import type { Reference } from './build.ts';

export const REFS = {
  saq: {
    title: 'Self Assessment Questionnaire (SAQ) e-Monev keterbukaan informasi publik, kode 1.0.0.0 Sarana Prasarana s.d. 2.4.0.0 (salinan pada laman PPID Kabupaten Sragen)',
    url: 'https://ppid.sragenkab.go.id/v2/saq.html',
    usedFor: 'Sarana dan Prasarana 1.1 (layanan elektronik: audio visual, aplikasi mobile, aksesibilitas disabilitas) dan 1.2 (ruang dan meja layanan, formulir permohonan dan keberatan, register, jadwal, aksesibilitas); Jenis Informasi: DIP menurut format PerKI 1/2021 dan informasi setiap saat (peraturan/kebijakan beserta dokumen pendukung, organisasi-administrasi-kepegawaian-keuangan, surat perjanjian); Digitalisasi 6.1.1 (tindak lanjut permohonan secara elektronik)',
  },
  kpuKomitmen: {
    title: 'KPU Kabupaten Sukoharjo, "Komitmen Organisasi 2024" (butir penilaian keterbukaan informasi)',
    url: 'https://kab-sukoharjo.kpu.go.id/page/read/komitmen-organisasi-2024',
    usedFor: 'Komitmen Organisasi 4.1 (penetapan PPID, SOP layanan informasi, maklumat) dan 4.2 (kegiatan ke-PPID-an, alokasi anggaran PPID)',
  },
  dki2025: {
    title: 'KI Provinsi DKI Jakarta: enam indikator SAQ E-Monev 2025 dan uraiannya (Majalah Teras, 25 Agustus 2025)',
    url: 'https://majalahteras.com/ketua-ki-dki-jakarta-badan-publik-harus-serius-isi-saq-untuk-tingkatkan-kualitas-keterbukaan-informasi-publik',
    usedFor: 'Nama dan isi indikator 2025: Kualitas Informasi (profil badan publik), Sarana dan Prasarana (menu PPID terintegrasi dengan DIP dan DIK, ruang layanan, aksesibilitas disabilitas), Pelayanan Informasi, Komitmen, Digitalisasi dan inovasi layanan',
  },
  kepriWeights: {
    title: 'KI Provinsi Kepulauan Riau, sosialisasi Monev KIP 2022: bobot aspek penilaian (berita4.id, 21 September 2022)',
    url: 'https://berita4.id/2022/09/21/komisi-informasi-dorong-badan-publik-terbuka-akan-informasi/2',
    usedFor: 'Bobot indikator: sarana-prasarana 10%, kualitas informasi 10%, jenis informasi 40%, komitmen organisasi 10%, digitalisasi 20%, dan satu aspek 10% (tertulis "barang dan jasa"; pada PerKI 1/2022 aspek keenam adalah inovasi dan strategi)',
  },
  kip2022: {
    title: 'KI Pusat, Kick Off E-Monev 2022: enam indikator PerKI 1/2022 dan tujuh kategori badan publik (humabetang.com, 10 Agustus 2022)',
    url: 'https://humabetang.com/berita/ki-pusat-menggelar-kick-off-monev-tahun-2022',
    usedFor: 'Struktur enam indikator (sarana dan prasarana, kualitas informasi, jenis informasi, komitmen organisasi, inovasi dan strategi, digitalisasi) dan kategori KI Pusat (kementerian, LPNK, LNS, pemerintah provinsi, PTN, BUMN, partai politik)',
  },
  kip2023: {
    title: 'KI Pusat, uji publik Monev 2023: kategori badan publik dan ambang SAQ 65 (Republika, 24 November 2023)',
    url: 'https://fbeta.republika.co.id/berita/s4mtjw320/laporan-persentase-ptn-terendah-dalam-uji-publik-keterbukaan-informasi',
    usedFor: 'Kategori KI Pusat 2023: Kementerian, LN-LPNK, LNS, Pemerintah Provinsi, BUMN, PTN, Partai Politik',
  },
  kip2025: {
    title: 'Ketua KI Pusat tentang kriteria penilaian Monev 2025: komitmen pimpinan, sengketa informasi, sarana prasarana, respons PPID (Kantamedia, 25 November 2025)',
    url: 'https://www.kantamedia.com/eksekutif/pemprov-kalteng/donny-yoesgiantoro-tegaskan-monev-kip-prioritas-nasional',
    usedFor: 'Dasar umum contoh pertanyaan 4.2.3 (komitmen pimpinan) dan 5.2.3 (sengketa informasi); bentuk pertanyaannya tetap contoh',
  },
  banten2025: {
    title: 'KI Provinsi Banten, Monev KIP 2025: kategori OPD, Pemda, LNS, BUMD, Desa dan enam indikator (updatenews.co.id, 13 November 2025)',
    url: 'https://updatenews.co.id/2025/11/13/biro-pemerintahan-dan-otonomi-daerah-raih-penghargaan-keterbukaan-informasi-badan-publik-2025-dengan-nilai-9968',
    usedFor: 'Kategori provinsi (OPD, pemerintah kabupaten/kota, BUMD, desa) dan indikator 2025 dengan pelayanan informasi',
  },
  bali2025: {
    title: 'KI Provinsi Bali, Pedoman Monev Keterbukaan Informasi Publik 2025 (ki.baliprov.go.id)',
    url: 'https://ki.baliprov.go.id/?p=3345',
    usedFor: 'Kategori provinsi (PPID pemerintah provinsi dan kabupaten/kota, OPD, BUMD, pemerintah desa)',
  },
  kaltim: {
    title: 'KI Provinsi Kalimantan Timur: SAQ per kategori di e-monev.komisiinformasi.go.id, data dukung PDF maks. 2 MB per pertanyaan (Prokal)',
    url: 'https://www.prokal.co/kalimantan-timur/1775180168/e-monev-keterbukaan-informasi-publik-217-badan-publik-sudah-verifikasi?page=2',
    usedFor: 'Aturan data dukung: hampir setiap pertanyaan mewajibkan bukti dukung',
  },
  uuKip: {
    title: 'UU 14/2008 tentang Keterbukaan Informasi Publik, Bab IV Pasal 9–11 (informasi berkala, serta merta, setiap saat)',
    url: 'https://lbhapiksemarang.blogspot.com/2018/10/uu-kip-bab-iv.html',
    usedFor: 'Jenis Informasi (informasi berkala, serta merta, setiap saat); Kualitas Informasi 3.2.1–3.2.2 (paling singkat 6 bulan sekali, cara mudah dijangkau dan bahasa mudah dipahami)',
  },
  uuKipText: {
    title: 'UU 14/2008 tentang Keterbukaan Informasi Publik, naskah lengkap',
    url: 'https://docplayer.info/61642208-Undang-undang-republi-k-i-ndonesi-a-nomor-1-4-tahun-tentang-keterbukaan-i-nformasi-publi-k.html',
    usedFor: 'Pelayanan Informasi 5.1.1 (jawaban paling lambat 10 hari kerja, dapat diperpanjang 7 hari kerja, Pasal 22) dan 5.1.2 (tanggapan atasan PPID atas keberatan paling lambat 30 hari kerja, Pasal 36)',
  },
  uuKip14: {
    title: 'UU 14/2008 Pasal 14: informasi yang wajib disediakan BUMN/BUMD (gresnews.com)',
    url: 'http://www.gresnews.com/berita/tips/170224-informasi-yang-wajib-diberikan-bumn-kepada-publik/',
    usedFor: 'Jenis Informasi BUMN/BUMD 2.2–2.3 (anggaran dasar, pemegang saham dan pengurus, laporan teraudit, penilaian auditor dan pemeringkat, remunerasi, penetapan direksi/komisaris, kasus hukum, pedoman tata kelola, efek utang, penggantian akuntan, tahun fiskal, penugasan pemerintah, pengadaan)',
  },
  uuKip15: {
    title: 'UU 14/2008 Pasal 15: informasi yang wajib disediakan partai politik (OpenParliament.id)',
    url: 'https://openparliament.id/2021/09/18/keterbukaan-partai-politik/',
    usedFor: 'Jenis Informasi partai politik 2.2 (asas dan tujuan, program dan kegiatan, kepengurusan, dana APBN/APBD, mekanisme keputusan, keputusan muktamar/kongres/munas)',
  },
  uuParpol: {
    title: 'UU 2/2008 tentang Partai Politik Pasal 13: pembukuan, daftar penyumbang dan keterbukaan kepada masyarakat (gresnews.com)',
    url: 'http://www.gresnews.com/berita/tips/117707-apa-saja-informasi-yang-wajib-dibuka-oleh-parpol-kepada-publik/',
    usedFor: 'Jenis Informasi partai politik 2.3 (laporan keuangan dan daftar penyumbang)',
  },
  perki2021: {
    title: 'PerKI 1/2021 tentang Standar Layanan Informasi Publik (naskah)',
    url: 'https://id.scribd.com/document/627406242/PerKI-No-1-Tahun-2021',
    usedFor: 'DIP dan DIK dengan uji konsekuensi, daftar informasi berkala (program dan kegiatan, kinerja, keuangan, akses informasi, peraturan, hak dan tata cara memperoleh informasi, pengadaan, peringatan dini), standar biaya salinan, laporan layanan informasi kepada Komisi Informasi',
  },
  perki2021Maklumat: {
    title: 'PerKI 1/2021 Pasal 47–49: maklumat pelayanan, penyebarluasannya (papan, laman, media sosial, aplikasi) dan uji konsekuensi',
    url: 'https://anyflip.com/dexzb/rqzm/basic/51-100',
    usedFor: 'Komitmen Organisasi 4.1.3 (maklumat diumumkan) dan Digitalisasi 6.1.2 (kanal laman, media sosial, aplikasi)',
  },
  sumbarBerkala: {
    title: 'Buku PPID Provinsi Sumatera Barat 2022, rincian informasi berkala (kinerja, laporan keuangan, ringkasan akses, rancangan peraturan)',
    url: 'https://ppid.sumbarprov.go.id/bukuppid2022/files/basic-html/page21.html',
    usedFor: 'Jenis Informasi 2.2 (unsur laporan keuangan, unsur ringkasan akses informasi, daftar rancangan peraturan/kebijakan)',
  },
  surabayaSetiapSaat: {
    title: 'PPID Kota Surabaya, informasi setiap saat: profil pimpinan dan pegawai (nama, riwayat karier dan pendidikan, penghargaan dan sanksi)',
    url: 'http://ppid.surabaya.go.id/documents2?category_id=7',
    usedFor: 'Kualitas Informasi 3.1.2',
  },
  perdesPekuncen: {
    title: 'Peraturan Desa Pekuncen (Kebumen) Nomor 3 Tahun 2021 tentang Keterbukaan Informasi Publik, melaksanakan PerKI 1/2018 tentang Standar Layanan Informasi Publik Desa Pasal 7 huruf a',
    url: 'https://www.slideshare.net/slideshow/perdes-pekuncen-kecamatan-sempor-keterbukaan-informasi-publik/245403372',
    usedFor: 'Komitmen Organisasi desa 4.1.2 (peraturan desa tentang keterbukaan informasi)',
  },
  jatimDesa: {
    title: 'KI Provinsi Jawa Timur, visitasi monev kategori Pemerintah Desa 2023 berdasarkan PerKI 1/2018 (SLIP Desa) dan PerKI 1/2022 (Pemkab Tuban)',
    url: 'https://tubankab.go.id/entry/monev-keterbukaan-informasi-publik-komisi-informasi-jatim-sasar-satu-desa-di-tuban',
    usedFor: 'Kategori desa dinilai dengan SAQ dan visitasi di bawah PerKI 1/2022; standar layanan desa mengacu PerKI 1/2018',
  },
  desaWebsite: {
    title: 'Diskominfo Purworejo: desa percontohan monev KI Jawa Tengah 2023 dipilih karena memiliki website desa yang aktif',
    url: 'https://dinkominfo.purworejokab.go.id/3-desa-di-purworejo-ikuti-sosialisasi-monev-keterbukaan-informasi-publik-',
    usedFor: 'Sarana dan Prasarana desa 1.1.1 (laman desa)',
  },
} as const satisfies Record<string, Reference>;

/** The references every PerKI 1/2022 preset of this code base uses. */
export const COMMON_REFS: Reference[] = [
  REFS.saq, REFS.dki2025, REFS.kpuKomitmen, REFS.kepriWeights, REFS.kip2022, REFS.uuKip, REFS.uuKipText, REFS.perki2021,
  REFS.perki2021Maklumat, REFS.sumbarBerkala, REFS.surabayaSetiapSaat, REFS.kip2025, REFS.kaltim,
];

export const WEIGHTS_2025 =
  'Jenis Informasi 40, Digitalisasi 20, Kualitas Informasi 10, Pelayanan Informasi 10, Komitmen Organisasi 10, Sarana dan Prasarana 10. '
  + 'Sumber publik yang ditemukan untuk bobot ini adalah sosialisasi KI Kepri 2022 atas aspek PerKI 1/2022 (berita4.id); Pelayanan Informasi '
  + 'menggantikan Inovasi dan Strategi seperti pada instrumen 2025 (DKI Jakarta, Banten). Bahwa KI Pusat memakai bobot yang sama pada 2025 '
  + 'berasal dari catatan domain proyek, bukan dari dokumen KI Pusat yang ditemukan. Bobot pertanyaan di dalam indikator dan skor opsi '
  + 'bertingkat adalah asumsi, tidak berasal dari sumber mana pun: sesuaikan dengan juknis komisi sebelum dipakai.';
