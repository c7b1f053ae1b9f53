// The Indonesian catalogue: each English template of a t`…` message (src/i18n/message.ts) → its
// Indonesian template, with the same {0}, {1}… in whatever order Indonesian needs. Words of the
// commission's own (the glossary in docs/scoring.md): periode, badan publik, peserta, kategori,
// tahap, verifikator, juri, SK, sanggah, nilai, kualifikasi, kuesioner (SAQ). Grouped by where the
// messages are raised. Keys of placeholders and punctuation only ('{0} {1}') need no entry.
export const id: Record<string, string> = {
  // app.ts
  'No route {0} {1}':
    'Tidak ada rute {0} {1}',
  '{0}.{1} must be a finite number':
    '{0}.{1} harus berupa angka yang terhingga',
  'must be a finite number':
    'harus berupa angka yang terhingga',
  // http/auth.ts
  '{0} cannot be replayed, because credentials are never stored: send it without Idempotency-Key':
    '{0} tidak dapat diulang karena kredensial tidak pernah disimpan: kirim tanpa Idempotency-Key',
  'The account is unknown or disabled':
    'Akun tidak dikenal atau dinonaktifkan',
  'The API key is unknown or revoked':
    'Kunci API tidak dikenal atau sudah dicabut',
  'The token has no valid subject':
    'Token tidak memiliki subjek yang sah',
  'The token is not valid':
    'Token tidak sah',
  'The token was issued before a password change; log in again':
    'Token diterbitkan sebelum kata sandi diganti; silakan masuk lagi',
  'The token is malformed':
    'Format token rusak',
  'The token has no "{0}" claim':
    'Token tidak memiliki klaim "{0}"',
  'The platform superadmin cannot sign in through the identity provider':
    'Superadmin platform tidak dapat masuk melalui penyedia identitas',
  'Tokens signed with "{0}" are not accepted':
    'Token yang ditandatangani dengan "{0}" tidak diterima',
  'The token has expired':
    'Token sudah kedaluwarsa',
  'Use "Authorization: Bearer <token or API key>"':
    'Gunakan "Authorization: Bearer <token atau kunci API>"',
  'This route declares no permission, so nobody may call it':
    'Rute ini tidak menyatakan izin, jadi tidak seorang pun boleh memanggilnya',
  'This resource needs a bearer token or an API key':
    'Sumber daya ini memerlukan bearer token atau kunci API',
  'Your role ({0}) may not do this (needs "{1}")':
    'Peran Anda ({0}) tidak boleh melakukan ini (memerlukan "{1}")',
  // http/context.ts
  'Authentication required':
    'Autentikasi diperlukan',
  'This resource belongs to a commission; the platform superadmin has none':
    'Sumber daya ini milik sebuah komisi; superadmin platform tidak memiliki komisi',
  '{0} needs a reason (send it in the X-Audit-Reason header)':
    '{0} memerlukan alasan (kirim dalam header X-Audit-Reason)',
  // http/exports.ts
  'This resource is available as {0}':
    'Sumber daya ini tersedia sebagai {0}',
  // http/idempotency.ts
  'The JSON body is nested too deeply':
    'Badan JSON terlalu dalam bersarang',
  'Idempotency-Key must be 1–200 characters of letters, digits, "-", "_", ".", ":"':
    'Idempotency-Key harus terdiri dari 1–200 karakter berupa huruf, angka, "-", "_", ".", ":"',
  'Another request with this Idempotency-Key was answered meanwhile; send it again to get that answer':
    'Permintaan lain dengan Idempotency-Key ini sudah dijawab lebih dulu; kirim ulang untuk mendapatkan jawaban tersebut',
  'This Idempotency-Key was already used for a different request':
    'Idempotency-Key ini sudah dipakai untuk permintaan yang berbeda',
  // http/pagination.ts
  'The cursor is not valid; use the nextCursor of a previous page':
    'Kursor tidak sah; gunakan nextCursor dari halaman sebelumnya',
  'is not valid':
    'tidak sah',
  // http/problems.ts
  'Bad request':
    'Permintaan tidak valid',
  'The request is not valid':
    'Permintaan tidak sah',
  'Not allowed':
    'Tidak diizinkan',
  'Not found':
    'Tidak ditemukan',
  'Not acceptable':
    'Format tidak dapat disediakan',
  'The request took too long to arrive':
    'Permintaan terlalu lama sampai',
  'Conflict with the current state':
    'Bertentangan dengan keadaan saat ini',
  'Not possible in the current stage of the period':
    'Tidak dapat dilakukan pada tahap periode saat ini',
  'The deadline has passed':
    'Tenggat sudah lewat',
  'The resource has changed since you read it':
    'Sumber daya telah berubah sejak Anda membacanya',
  'Payload too large':
    'Muatan terlalu besar',
  'URI too long':
    'URI terlalu panjang',
  'Unsupported media type':
    'Jenis media tidak didukung',
  'The request cannot be processed':
    'Permintaan tidak dapat diproses',
  'A reason is required':
    'Alasan wajib diisi',
  'The password is too easy to guess':
    'Kata sandi terlalu mudah ditebak',
  'Too many requests':
    'Terlalu banyak permintaan',
  'Request headers too large':
    'Header permintaan terlalu besar',
  'Internal server error':
    'Kesalahan internal server',
  'The database is unavailable':
    'Basis data tidak tersedia',
  '{0} not found':
    '{0} tidak ditemukan',
  '{0} (the period is in stage "{1}")':
    '{0} (periode sedang berada pada tahap "{1}")',
  'The database did not answer; try again shortly':
    'Basis data tidak menjawab; coba lagi sebentar lagi',
  'A record with the same {0} already exists':
    'Data dengan {0} yang sama sudah ada',
  'The request refers to a record that does not exist or is still in use':
    'Permintaan merujuk ke data yang tidak ada atau masih digunakan',
  'A required value is missing':
    'Sebuah nilai wajib tidak diisi',
  'A value has the wrong format':
    'Sebuah nilai formatnya salah',
  'A text contains the character U+0000, which cannot be stored':
    'Sebuah teks memuat karakter U+0000 yang tidak dapat disimpan',
  'A concurrent change got in the way; retry the request':
    'Perubahan lain yang berjalan bersamaan menghalangi; ulangi permintaan',
  'This record is immutable':
    'Data ini tidak dapat diubah',
  'This username is taken; choose another (usernames are unique across the platform)':
    'Nama pengguna ini sudah dipakai; pilih yang lain (nama pengguna unik di seluruh platform)',
  'key':
    'kunci',
  'Request body is too large':
    'Badan permintaan terlalu besar',
  'This Content-Type is not accepted here; send application/json':
    'Content-Type ini tidak diterima di sini; kirim application/json',
  'Request body size did not match Content-Length':
    'Ukuran badan permintaan tidak sesuai dengan Content-Length',
  'Body cannot be empty when content-type is set to \'application/json\'':
    'Badan permintaan tidak boleh kosong bila content-type adalah \'application/json\'',
  'Body is not valid JSON but content-type is set to \'application/json\'':
    'Badan permintaan bukan JSON yang sah padahal content-type adalah \'application/json\'',
  'The Content-Type header is empty':
    'Header Content-Type kosong',
  'The Content-Type header is not valid':
    'Header Content-Type tidak sah',
  'The URL is not valid':
    'URL tidak sah',
  'A path parameter is too long':
    'Sebuah parameter path terlalu panjang',
  'The request has a body but no Content-Type header':
    'Permintaan memiliki badan tetapi tidak memiliki header Content-Type',
  'Something went wrong on our side; the request id identifies it in our logs':
    'Terjadi kesalahan di pihak kami; ID permintaan menandainya di log kami',
  'The request did not arrive in time':
    'Permintaan tidak tiba tepat waktu',
  // http/spreadsheet-read.ts
  'At least {0} problems in the file; nothing was imported':
    'Sedikitnya {0} masalah dalam berkas; tidak ada yang diimpor',
  '1 problem in the file; nothing was imported':
    '1 masalah dalam berkas; tidak ada yang diimpor',
  '{0} problems in the file; nothing was imported':
    '{0} masalah dalam berkas; tidak ada yang diimpor',
  'The header row is not valid: {0}':
    'Baris judul kolom tidak valid: {0}',
  'The file is not valid UTF-8 text (first bad character on line {0}); save it as "CSV UTF-8" or as XLSX':
    'Berkas bukan teks UTF-8 yang sah (karakter rusak pertama di baris {0}); simpan sebagai "CSV UTF-8" atau sebagai XLSX',
  'The file is empty':
    'Berkas kosong',
  'The CSV cannot be read at line {0}: {1}':
    'CSV tidak dapat dibaca pada baris {0}: {1}',
  'The CSV cannot be read: {0}':
    'CSV tidak dapat dibaca: {0}',
  'The file looks like a ZIP archive but is not a readable XLSX workbook':
    'Berkas tampak seperti arsip ZIP tetapi bukan buku kerja XLSX yang dapat dibaca',
  'Old Excel (.xls) files are not supported; save the sheet as .xlsx or as CSV UTF-8':
    'Berkas Excel lama (.xls) tidak didukung; simpan lembar kerja sebagai .xlsx atau CSV UTF-8',
  'The file is named .xlsx but is not an XLSX workbook':
    'Berkas bernama .xlsx tetapi bukan buku kerja XLSX',
  'Send a CSV or XLSX file, not a PDF':
    'Kirim berkas CSV atau XLSX, bukan PDF',
  'The file is larger than the import limit of {0} bytes ({1} MB)':
    'Berkas lebih besar dari batas impor {0} bita ({1} MB)',
  // http/uploads.ts
  'Upload the file as multipart/form-data in the field "file"':
    'Unggah berkas sebagai multipart/form-data di field "file"',
  'Upload the file in the field "file" (got "{0}")':
    'Unggah berkas di field "file" (yang diterima "{0}")',
  'is required':
    'wajib diisi',
  'Upload one file per request':
    'Unggah satu berkas per permintaan',
  'only one file is allowed':
    'hanya satu berkas yang diperbolehkan',
  'The multipart/form-data body is malformed (its boundary, a part header or the closing delimiter)':
    'Badan multipart/form-data rusak (boundary, header bagian, atau pembatas penutupnya)',
  'No file was sent; upload it in the multipart field "file"':
    'Tidak ada berkas yang dikirim; unggah di field multipart "file"',
  // http/versioning.ts
  'The resource is at version {0}; read it again and retry':
    'Sumber daya ini berada pada versi {0}; baca ulang lalu coba lagi',
  // i18n/ajv.ts
  'text':
    'teks',
  'a number':
    'angka',
  'a whole number':
    'bilangan bulat',
  'true or false':
    'true atau false',
  'a list':
    'daftar',
  'an object':
    'objek',
  'null':
    'null',
  'must be {0}':
    'harus berupa {0}',
  'must be {0} or {1}':
    'harus berupa {0} atau {1}',
  'must be one of: {0}':
    'harus salah satu dari: {0}',
  'is not an allowed property':
    'bukan properti yang diizinkan',
  // i18n/message.ts
  '{0} or {1}':
    '{0} atau {1}',
  // modules/adjustments/adjustments.service.ts
  'Recording an adjustment':
    'Mencatat penyesuaian nilai',
  'The adjustment is not valid':
    'Penyesuaian nilai tidak valid',
  'Deleting an adjustment':
    'Menghapus penyesuaian nilai',
  'Adjustment':
    'Penyesuaian nilai',
  // modules/api-keys/api-keys.routes.ts
  'Creating an API key':
    'Membuat kunci API',
  // modules/api-keys/api-keys.service.ts
  'Only a signed-in admin may create API keys':
    'Hanya admin yang sudah masuk yang boleh membuat kunci API',
  'API key':
    'Kunci API',
  // modules/assessments/answer-cells.ts
  'expected {0} or {1}, not "{2}"':
    'yang diharapkan {0} atau {1}, bukan "{2}"',
  // modules/assessments/answers-bulk-import.ts
  'Importing answers':
    'Mengimpor jawaban',
  'no questionnaire of this period has a question "{0}"':
    'tidak ada kuesioner periode ini yang memiliki pertanyaan "{0}"',
  'question "{0}" has two columns':
    'pertanyaan "{0}" memiliki dua kolom',
  'the column body (the body\'s name or id) is missing':
    'kolom badan publik (nama atau ID badan publik) tidak ada',
  'has a value in column {0}, which has no header':
    'ada nilai di kolom {0}, yang tidak memiliki judul',
  'the body is empty':
    'badan publik kosong',
  'no participant of this period is the body "{0}"':
    'tidak ada peserta periode ini dengan ID badan publik "{0}"',
  'no participant of this period is named "{0}"':
    'tidak ada peserta periode ini yang bernama "{0}"',
  'the body is already on row {0}':
    'badan publik ini sudah ada di baris {0}',
  'the body\'s category has no questionnaire in this period':
    'kategori badan publik ini tidak memiliki kuesioner pada periode ini',
  'question "{0}" is not in the questionnaire of this body\'s category':
    'pertanyaan "{0}" tidak ada dalam kuesioner kategori badan publik ini',
  'question "{0}": {1}':
    'pertanyaan "{0}": {1}',
  '1 body in the file may not answer any more; nothing was imported. Row {0}: {1}':
    '1 badan publik dalam berkas tidak boleh menjawab lagi; tidak ada yang diimpor. Baris {0}: {1}',
  '{0} bodies in the file may not answer any more; nothing was imported. Row {1}: {2}':
    '{0} badan publik dalam berkas tidak boleh menjawab lagi; tidak ada yang diimpor. Baris {1}: {2}',
  'The file gives no answers: fill in the question columns':
    'Berkas tidak memuat jawaban: isi kolom pertanyaan',
  // modules/assessments/answers-import.ts
  'column "{0}" and column "{1}" are both {2}':
    'kolom "{0}" dan kolom "{1}" sama-sama {2}',
  'the column {0} ({1}) is missing':
    'kolom {0} ({1}) tidak ada',
  'the question code is empty':
    'kode pertanyaan kosong',
  'is longer than {0} characters':
    'lebih panjang dari {0} karakter',
  'at most {0} links per answer':
    'paling banyak {0} tautan per jawaban',
  'a link is longer than {0} characters':
    'sebuah tautan lebih panjang dari {0} karakter',
  'evidence needs an answer':
    'bukti dukung memerlukan jawaban',
  'at most {0} rows':
    'paling banyak {0} baris',
  'the file gives no answers: fill in the answer column':
    'berkas tidak memuat jawaban: isi kolom jawaban',
  // modules/assessments/answers.service.ts
  'The SAQ has been submitted and is locked; an admin can reopen it':
    'SAQ sudah dikirim dan terkunci; admin dapat membukanya kembali',
  'unknown question "{0}"':
    'pertanyaan "{0}" tidak dikenal',
  'question "{0}" appears twice in the batch':
    'pertanyaan "{0}" muncul dua kali dalam kiriman',
  'question "{0}": a value is required (null removes the answer)':
    'pertanyaan "{0}": nilai wajib diisi (null menghapus jawaban)',
  'question "{0}": evidence links must be http or https URLs':
    'pertanyaan "{0}": tautan bukti dukung harus berupa URL http atau https',
  'question "{0}": no evidence file {1} was uploaded for this participant':
    'pertanyaan "{0}": tidak ada berkas bukti dukung {1} yang diunggah untuk peserta ini',
  'Answering the SAQ':
    'Menjawab SAQ',
  'Some answers are not valid':
    'Sebagian jawaban tidak valid',
  'Submitting the SAQ':
    'Mengirim SAQ',
  'Evidence is required before submitting: {0}':
    'Bukti dukung wajib ada sebelum mengirim: {0}',
  'this answer needs evidence (a link or an uploaded file)':
    'jawaban ini memerlukan bukti dukung (tautan atau berkas yang diunggah)',
  'Reopening a submission':
    'Membuka kembali SAQ yang sudah dikirim',
  'The SAQ has not been submitted':
    'SAQ belum dikirim',
  // modules/assessments/assessments.routes.ts
  'Evidence files are limited to {0} bytes in this period':
    'Berkas bukti dukung dibatasi {0} bita pada periode ini',
  // modules/assessments/common.ts
  'The participant\'s category has no questionnaire in this period':
    'Kategori peserta tidak memiliki kuesioner pada periode ini',
  '{0} is done by the participant\'s {1}':
    '{0} dilakukan oleh {1} peserta',
  'evidence links must be http or https URLs':
    'tautan bukti dukung harus berupa URL http atau https',
  'no evidence file {0} was uploaded for this participant':
    'tidak ada berkas bukti dukung {0} yang diunggah untuk peserta ini',
  // modules/assessments/evidence.service.ts
  'Uploading evidence':
    'Mengunggah bukti dukung',
  'Only a body that submitted its SAQ can appeal, and upload evidence for it':
    'Hanya badan publik yang sudah mengirim SAQ yang dapat mengajukan sanggahan dan mengunggah bukti dukung untuknya',
  'is empty':
    'kosong',
  'Evidence files must be PDF documents (the content does not start with %PDF-)':
    'Berkas bukti dukung harus berupa dokumen PDF (isinya tidak diawali %PDF-)',
  'The cursor is not valid':
    'Kursor tidak sah',
  'Evidence file':
    'Berkas bukti dukung',
  // modules/assessments/rapor.service.ts
  'The participant has not submitted its self-assessment questionnaire, so it has no final score yet: there is no rapor to print':
    'Peserta belum mengirim kuesioner penilaian mandiri (SAQ), jadi belum memiliki nilai akhir: belum ada rapor untuk dicetak',
  'The participant has no final score yet: there is no rapor to print':
    'Peserta belum memiliki nilai akhir: belum ada rapor untuk dicetak',
  // modules/assessments/review.service.ts
  'Verification':
    'Verifikasi',
  'Verifying answers':
    'Memverifikasi jawaban',
  'The body did not submit its SAQ: there is nothing to verify':
    'Badan publik tidak mengirim SAQ: tidak ada yang dapat diverifikasi',
  'question "{0}": accept takes the body\'s answer; send a value only with adjust':
    'pertanyaan "{0}": accept memakai jawaban badan publik; kirim nilai hanya dengan adjust',
  'question "{0}": the body gave no answer to accept; adjust it to the verified value instead':
    'pertanyaan "{0}": badan publik tidak menjawab sehingga tidak ada yang dapat diterima; gunakan adjust dengan nilai hasil verifikasi',
  'question "{0}": adjust needs the verified value':
    'pertanyaan "{0}": adjust memerlukan nilai hasil verifikasi',
  'question "{0}": adjust needs a note explaining the correction':
    'pertanyaan "{0}": adjust memerlukan catatan yang menjelaskan koreksinya',
  'Some decisions are not valid':
    'Sebagian keputusan tidak valid',
  'This period has no appeal stage (masa sanggah)':
    'Periode ini tidak memiliki tahap masa sanggah',
  'Filing an appeal':
    'Mengajukan sanggahan',
  'Question "{0}" has no verification decision to appeal':
    'Pertanyaan "{0}" tidak memiliki keputusan verifikasi untuk disanggah',
  'has no verification decision':
    'tidak memiliki keputusan verifikasi',
  'Question "{0}": the assessor accepted the body\'s answer; in this period only answers the assessor adjusted can be appealed':
    'Pertanyaan "{0}": verifikator menerima jawaban badan publik; pada periode ini hanya jawaban yang dikoreksi verifikator yang dapat disanggah',
  'the answer was accepted, not adjusted (the period\'s appealOn is "adjusted")':
    'jawaban diterima, bukan dikoreksi (appealOn periode ini adalah "adjusted")',
  'Some evidence is not valid':
    'Sebagian bukti dukung tidak valid',
  'An appeal on question "{0}" is already open':
    'Sanggahan atas pertanyaan "{0}" sudah terbuka',
  'Resolving an appeal':
    'Menyelesaikan sanggahan',
  'Appeal':
    'Sanggahan',
  'The appeal has already been resolved ({0})':
    'Sanggahan sudah diselesaikan ({0})',
  'An upheld appeal keeps the decision; send a value only with "revised"':
    'Sanggahan yang ditolak mempertahankan keputusan; kirim nilai hanya dengan "revised"',
  'is only allowed with status "revised"':
    'hanya diperbolehkan dengan status "revised"',
  'A revision needs the new verified value':
    'Revisi memerlukan nilai hasil verifikasi yang baru',
  'is required with status "revised"':
    'wajib diisi dengan status "revised"',
  // modules/assessments/score.service.ts
  'The participant\'s category has no questionnaire in this period: it cannot be scored':
    'Kategori peserta tidak memiliki kuesioner pada periode ini: nilainya tidak dapat dihitung',
  // modules/assessments/stage-scores.service.ts
  'The participant did not advance to the later stages (docs/scoring.md §5)':
    'Peserta tidak lolos ke tahap berikutnya (docs/scoring.md §5)',
  'The visitation score':
    'Nilai visitasi',
  'Entering a visitation score':
    'Memasukkan nilai visitasi',
  'The visitation score is not valid':
    'Nilai visitasi tidak valid',
  'Presentation scores':
    'Nilai presentasi',
  'Entering presentation scores':
    'Memasukkan nilai presentasi',
  'The presentation scores are not valid':
    'Nilai presentasi tidak valid',
  // modules/auth/auth.service.ts
  'Too many failed logins; try again in {0} seconds':
    'Terlalu banyak percobaan masuk yang gagal; coba lagi dalam {0} detik',
  'Unknown username or wrong password':
    'Nama pengguna tidak dikenal atau kata sandi salah',
  // modules/bodies/bodies.import.ts
  'unknown column "{0}"; expected {1} (or their English names: {2})':
    'kolom "{0}" tidak dikenal; yang diharapkan {1} (atau nama Inggrisnya: {2})',
  'the required column {0} ({1}) is missing':
    'kolom wajib {0} ({1}) tidak ada',
  'The file has a header but no rows':
    'Berkas memiliki baris judul tetapi tidak memiliki baris data',
  'is longer than 300 characters':
    'lebih panjang dari 300 karakter',
  'duplicates row {0}':
    'sama dengan baris {0}',
  'unknown category "{0}"; there are no categories yet: create them first':
    'kategori "{0}" tidak dikenal; belum ada kategori: buat kategori terlebih dahulu',
  'unknown category "{0}"; use a code or name of {1}':
    'kategori "{0}" tidak dikenal; gunakan kode atau nama dari {1}',
  '"{0}" is not an email address':
    '"{0}" bukan alamat email',
  '"{0}" is not a phone number (digits, spaces, + ( ) - . /)':
    '"{0}" bukan nomor telepon (angka, spasi, + ( ) - . /)',
  '"{0}" is not a web address':
    '"{0}" bukan alamat web',
  'is longer than 200 characters':
    'lebih panjang dari 200 karakter',
  '"{0}" is not ya/tidak (yes/no)':
    '"{0}" bukan ya/tidak',
  'a body named "{0}" already exists':
    'badan publik bernama "{0}" sudah ada',
  // modules/bodies/bodies.service.ts
  'Body':
    'Badan publik',
  'The category does not exist':
    'Kategori tidak ada',
  'category not found':
    'kategori tidak ditemukan',
  'A body named "{0}" already exists':
    'Badan publik bernama "{0}" sudah ada',
  'is already used (names are compared ignoring case and accents)':
    'sudah dipakai (nama dibandingkan tanpa memperhatikan huruf besar-kecil dan tanda aksen)',
  '"{0}" took part in a period and cannot be deleted; deactivate it instead (PATCH with "active": false)':
    '"{0}" pernah mengikuti periode sehingga tidak dapat dihapus; nonaktifkan saja (PATCH dengan "active": false)',
  '"{0}" has respondent accounts; delete or reassign them first, or deactivate the body':
    '"{0}" memiliki akun responden; hapus atau pindahkan akun tersebut terlebih dahulu, atau nonaktifkan badan publik ini',
  // modules/categories/categories.service.ts
  'Category':
    'Kategori',
  'A category with code "{0}" already exists':
    'Kategori dengan kode "{0}" sudah ada',
  'is already used':
    'sudah dipakai',
  'Category "{0}" still has bodies; move or delete them first':
    'Kategori "{0}" masih memiliki badan publik; pindahkan atau hapus badan publik tersebut terlebih dahulu',
  'Category "{0}" is used by a period; it cannot be deleted':
    'Kategori "{0}" dipakai oleh sebuah periode sehingga tidak dapat dihapus',
  // modules/commissions/commissions.routes.ts
  'Creating a commission and its admin':
    'Membuat komisi beserta adminnya',
  // modules/commissions/commissions.service.ts
  'Commission':
    'Komisi',
  // modules/events/events.service.ts
  'Unknown event types: {0}':
    'Jenis peristiwa tidak dikenal: {0}',
  'must be a comma-separated list of: {0}':
    'harus berupa daftar yang dipisahkan koma dari: {0}',
  // modules/operations/operations.routes.ts
  'The database does not answer':
    'Basis data tidak menjawab',
  'GET /metrics requires the bearer token METRICS_TOKEN':
    'GET /metrics memerlukan bearer token METRICS_TOKEN',
  // modules/participants/access.ts
  'Participant':
    'Peserta',
  'Only the body\'s own respondent may do this':
    'Hanya responden badan publik itu sendiri yang boleh melakukan ini',
  // modules/participants/participants.service.ts
  'A closed period is read-only':
    'Periode yang sudah ditutup hanya dapat dibaca',
  'is in the past: an extension gives time from now on':
    'sudah lewat: perpanjangan memberi waktu mulai sekarang',
  'is required: the plenary decision the extension rests on':
    'wajib diisi: keputusan pleno yang menjadi dasar perpanjangan',
  'The extension is not valid':
    'Perpanjangan tidak valid',
  'The participant has no extension':
    'Peserta tidak memiliki perpanjangan',
  'Send either "bodyIds" or "categoryId"':
    'Kirim salah satu, "bodyIds" atau "categoryId"',
  'needs exactly one of bodyIds, categoryId':
    'memerlukan tepat satu dari bodyIds, categoryId',
  'Enrolling bodies':
    'Mendaftarkan badan publik',
  'body {0} not found':
    'badan publik {0} tidak ditemukan',
  'body "{0}" is inactive':
    'badan publik "{0}" tidak aktif',
  'Some bodies cannot be enrolled':
    'Sebagian badan publik tidak dapat didaftarkan',
  'The SAQ is open and categories {0} have no questionnaire; late enrolment needs one':
    'SAQ sudah dibuka dan kategori {0} tidak memiliki kuesioner; pendaftaran susulan memerlukan kuesioner',
  'Withdrawing a participant':
    'Mengeluarkan peserta',
  'The participant has answers and cannot be withdrawn':
    'Peserta sudah memiliki jawaban dan tidak dapat dikeluarkan',
  'user {0} not found':
    'pengguna {0} tidak ditemukan',
  'the user is disabled':
    'pengguna dinonaktifkan',
  'the user\'s role is {0}, not {1}':
    'peran pengguna adalah {0}, bukan {1}',
  'Some users cannot be assigned':
    'Sebagian pengguna tidak dapat ditugaskan',
  // modules/periods/deadlines.ts
  'A late submission needs an extension decided by the commission\'s plenary: ask the commission\'s secretariat (an admin records it with PUT …/participants/{bodyId}/extension).':
    'Pengiriman yang terlambat memerlukan perpanjangan yang diputuskan pleno komisi: hubungi sekretariat komisi (admin mencatatnya dengan PUT …/participants/{bodyId}/extension).',
  'The SAQ':
    'SAQ',
  'The appeal window (masa sanggah)':
    'Masa sanggah',
  '{0} closed at {1} and this body\'s extension ended at {2}; {3} is no longer possible. {4}':
    '{0} ditutup pada {1} dan perpanjangan badan publik ini berakhir pada {2}; {3} tidak dapat dilakukan lagi. {4}',
  '{0} closed at {1}; {2} is no longer possible. {3}':
    '{0} ditutup pada {1}; {2} tidak dapat dilakukan lagi. {3}',
  // modules/periods/lifecycle.ts
  '{0} is possible only in stage {1}':
    '{0} hanya dapat dilakukan pada tahap {1}',
  'Changing {0}':
    'Mengubah {0}',
  'This period has no stage "{0}" (its stages: {1})':
    'Periode ini tidak memiliki tahap "{0}" (tahapnya: {1})',
  'The period is already in stage "{0}"':
    'Periode sudah berada pada tahap "{0}"',
  'The next stage is "{0}"; stages cannot be skipped ({1})':
    'Tahap berikutnya adalah "{0}"; tahap tidak dapat dilewati ({1})',
  'Move back one stage at a time; the previous stage is "{0}"':
    'Mundur satu tahap setiap kali; tahap sebelumnya adalah "{0}"',
  'Moving the period back from "{0}" to "{1}" needs a reason (send "reason" or the X-Audit-Reason header)':
    'Memundurkan periode dari "{0}" ke "{1}" memerlukan alasan (kirim "reason" atau header X-Audit-Reason)',
  'Opening the SAQ needs at least one participant; enrol bodies first':
    'Membuka SAQ memerlukan sedikitnya satu peserta; daftarkan badan publik terlebih dahulu',
  'Opening the SAQ needs a questionnaire for every participant\'s category; missing for {0} (the period is in stage "{1}")':
    'Membuka SAQ memerlukan kuesioner untuk setiap kategori peserta; belum ada untuk {0} (periode sedang berada pada tahap "{1}")',
  'category "{0}" has participants but no questionnaire':
    'kategori "{0}" memiliki peserta tetapi tidak memiliki kuesioner',
  'Bodies have already answered; the period cannot go back to draft (questionnaires would change under their answers)':
    'Badan publik sudah menjawab; periode tidak dapat kembali ke draf (kuesioner akan berubah di bawah jawaban mereka)',
  'The appeal window cannot close while 1 appeal is open; the assigned assessor resolves it first (the period is in stage "{0}")':
    'Masa sanggah tidak dapat ditutup selama 1 sanggahan masih terbuka; verifikator yang ditugaskan harus menyelesaikannya terlebih dahulu (periode sedang berada pada tahap "{0}")',
  'The appeal window cannot close while {0} appeals are open; the assigned assessors resolve them first (the period is in stage "{1}")':
    'Masa sanggah tidak dapat ditutup selama {0} sanggahan masih terbuka; verifikator yang ditugaskan harus menyelesaikannya terlebih dahulu (periode sedang berada pada tahap "{1}")',
  'participant {0} (body {1}), question "{2}": still open':
    'peserta {0} (badan publik {1}), pertanyaan "{2}": masih terbuka',
  // modules/periods/periods.repo.ts
  'Period':
    'Periode',
  // modules/periods/periods.service.ts
  'The scoring settings are not valid':
    'Pengaturan penilaian tidak valid',
  // modules/public/public.service.ts
  'Published period':
    'Periode yang dipublikasikan',
  'Published results of this body':
    'Hasil badan publik ini yang dipublikasikan',
  // modules/questionnaires/questionnaires.service.ts
  'The questionnaire is not valid':
    'Kuesioner tidak valid',
  'Some categories do not exist':
    'Sebagian kategori tidak ada',
  'category {0} not found':
    'kategori {0} tidak ditemukan',
  'A category uses one questionnaire per period: {0}':
    'Satu kategori memakai satu kuesioner per periode: {0}',
  '{0} already uses {1}':
    '{0} sudah memakai {1}',
  'already uses questionnaire "{0}"':
    'sudah memakai kuesioner "{0}"',
  'The period already has a questionnaire with code "{0}"':
    'Periode ini sudah memiliki kuesioner dengan kode "{0}"',
  'is already used in this period':
    'sudah dipakai pada periode ini',
  'Questionnaire':
    'Kuesioner',
  'Send exactly one source: a full questionnaire (code, title, indicators), "preset", or "copyFrom"':
    'Kirim tepat satu sumber: kuesioner lengkap (code, title, indicators), "preset", atau "copyFrom"',
  'has no questionnaire source':
    'tidak memiliki sumber kuesioner',
  'has more than one questionnaire source':
    'memiliki lebih dari satu sumber kuesioner',
  'Unknown preset "{0}"':
    'Preset "{0}" tidak dikenal',
  'must be one of {0}':
    'harus salah satu dari {0}',
  'The questionnaire to copy does not exist':
    'Kuesioner yang akan disalin tidak ada',
  'questionnaire not found in my commission':
    'kuesioner tidak ditemukan di komisi saya',
  'Creating a questionnaire':
    'Membuat kuesioner',
  'Changing a questionnaire':
    'Mengubah kuesioner',
  'Deleting a questionnaire':
    'Menghapus kuesioner',
  // modules/results/frozen/diff.service.ts
  'Version 1 has no previous version; pass ?from= to compare with another version':
    'Versi 1 tidak memiliki versi sebelumnya; isi ?from= untuk membandingkan dengan versi lain',
  'is required for version 1':
    'wajib diisi untuk versi 1',
  'Result set version {0}':
    'Hasil penetapan versi {0}',
  // modules/results/frozen/freeze.ts
  'The scores of {0} cannot be computed from its current inputs ({1}); correct them before fixing the results':
    'Nilai {0} tidak dapat dihitung dari masukannya saat ini ({1}); perbaiki masukan tersebut sebelum menetapkan hasil',
  // modules/results/frozen/read.service.ts
  'Result row':
    'Baris hasil',
  // modules/results/frozen/result-sets.service.ts
  'Fixing a result set':
    'Menetapkan hasil',
  'Version {0} corrects an earlier result set and needs a reason (field "reason" or the X-Audit-Reason header)':
    'Versi {0} mengoreksi hasil penetapan sebelumnya dan memerlukan alasan (field "reason" atau header X-Audit-Reason)',
  'The decree date is not a date':
    'Tanggal SK bukan tanggal',
  'is not a valid date':
    'bukan tanggal yang sah',
  'The decree number is empty':
    'Nomor SK kosong',
  'must not be blank':
    'tidak boleh kosong',
  'The scoring inputs of {0} are incomplete (no questionnaire for its category?)':
    'Masukan penilaian {0} tidak lengkap (kategorinya tidak memiliki kuesioner?)',
  'must name at least one body':
    'harus menyebut sedikitnya satu badan publik',
  'is not a participant of the period':
    'bukan peserta periode ini',
  'names a body already named in this award':
    'menyebut badan publik yang sudah disebut dalam penghargaan ini',
  'The awards name a blank title or a body that is not a participant of the period':
    'Penghargaan memuat judul kosong atau badan publik yang bukan peserta periode ini',
  'Publishing a result set':
    'Memublikasikan hasil penetapan',
  'Version {0} is already published ({1})':
    'Versi {0} sudah dipublikasikan ({1})',
  'Version {0} is already published; a correction is published as a newer version':
    'Versi {0} sudah dipublikasikan; koreksi dipublikasikan sebagai versi yang lebih baru',
  'The decree is blank':
    'SK kosong',
  // modules/results/live/agreement.service.ts
  'The cursor is not valid any more; start again without it':
    'Kursor sudah tidak sah; mulai lagi tanpa kursor',
  // modules/statistics/statistics.service.ts
  'The range ends ({0}) before it starts ({1})':
    'Rentang berakhir ({0}) sebelum dimulai ({1})',
  'must not be before from':
    'tidak boleh sebelum from',
  'Period "{0}" has no published result set to compare':
    'Periode "{0}" tidak memiliki hasil penetapan yang dipublikasikan untuk dibandingkan',
  'has no published result set':
    'tidak memiliki hasil penetapan yang dipublikasikan',
  'Compare two different periods':
    'Bandingkan dua periode yang berbeda',
  'must differ from from':
    'harus berbeda dari from',
  // modules/users/bootstrap.ts
  'No superadmin is named "{0}"; the superadmin is {1}':
    'Tidak ada superadmin bernama "{0}"; superadmin adalah {1}',
  'No superadmin is named "{0}"; the superadmin is not created yet (start the server once)':
    'Tidak ada superadmin bernama "{0}"; superadmin belum dibuat (jalankan server sekali)',
  // modules/users/passwords.ts
  'must be at least {0} characters':
    'harus sedikitnya {0} karakter',
  'must be at most {0} characters':
    'paling banyak {0} karakter',
  'is one of the most commonly used passwords; choose another (a few unrelated words make a good one)':
    'termasuk kata sandi yang paling umum dipakai; pilih yang lain (beberapa kata yang tidak saling berkaitan membentuk kata sandi yang baik)',
  'must not contain the username':
    'tidak boleh memuat nama pengguna',
  'must not be one character or a short pattern repeated':
    'tidak boleh berupa satu karakter atau pola pendek yang diulang',
  'must not be a simple sequence of characters':
    'tidak boleh berupa urutan karakter yang sederhana',
  'The password {0}':
    'Kata sandi {0}',
  // modules/users/users.routes.ts
  'Creating a user':
    'Membuat pengguna',
  // modules/users/users.service.ts
  'User':
    'Pengguna',
  'Only respondents answer for a body':
    'Hanya responden yang menjawab untuk sebuah badan publik',
  'must be absent for role "{0}"':
    'harus kosong untuk peran "{0}"',
  'A respondent answers for one body':
    'Responden menjawab untuk satu badan publik',
  'is required for role "respondent"':
    'wajib diisi untuk peran "respondent"',
  'No such body in this commission':
    'Tidak ada badan publik tersebut di komisi ini',
  'is not a body of this commission':
    'bukan badan publik di komisi ini',
  'You cannot change your own role or disable your own account; ask another admin':
    'Anda tidak dapat mengubah peran Anda sendiri atau menonaktifkan akun Anda sendiri; minta admin lain',
  'You cannot disable your own account; ask another admin':
    'Anda tidak dapat menonaktifkan akun Anda sendiri; minta admin lain',
  // modules/webhooks/ssrf.ts
  '{0} is not an IP address':
    '{0} bukan alamat IP',
  '{0} is an unspecified, cloud metadata, multicast or reserved address':
    '{0} adalah alamat tak tentu (unspecified), metadata cloud, multicast, atau alamat yang dicadangkan',
  '{0} is a loopback, private, link-local or shared (CGNAT) address (allowed only with WEBHOOK_ALLOW_PRIVATE=true)':
    '{0} adalah alamat loopback, privat, link-local, atau bersama (CGNAT) (hanya diizinkan dengan WEBHOOK_ALLOW_PRIVATE=true)',
  'is not a URL':
    'bukan URL',
  'must be an http or https URL':
    'harus berupa URL http atau https',
  'must be an https URL (plain http is allowed only with WEBHOOK_ALLOW_PRIVATE=true)':
    'harus berupa URL https (http biasa hanya diizinkan dengan WEBHOOK_ALLOW_PRIVATE=true)',
  'must not contain credentials; authenticate deliveries by their signature':
    'tidak boleh memuat kredensial; autentikasi pengiriman melalui tanda tangannya',
  'has a host that does not resolve ({0})':
    'memiliki host yang tidak dapat di-resolve ({0})',
  'resolves to {0}':
    'mengarah ke {0}',
  // modules/webhooks/webhooks.routes.ts
  'Creating a webhook':
    'Membuat webhook',
  'Rotating a webhook secret':
    'Merotasi rahasia webhook',
  // modules/webhooks/webhooks.service.ts
  'The webhook URL {0}':
    'URL webhook {0}',
  'Webhook':
    'Webhook',
  'The webhook is disabled: enable it (PATCH enabled: true) to retry its deliveries':
    'Webhook dinonaktifkan: aktifkan (PATCH enabled: true) untuk mengulang pengirimannya',
  'Delivery':
    'Pengiriman',
  'An attempt of this delivery is under way; look again in a few seconds':
    'Percobaan pengiriman ini sedang berjalan; periksa lagi beberapa detik lagi',
  // scoring/adjustments.ts
  'must be a list of { "points", "reason" }':
    'harus berupa daftar { "points", "reason" }',
  'an adjustment must be an object { "points", "reason" }':
    'penyesuaian nilai harus berupa objek { "points", "reason" }',
  'unknown property (allowed: points, reason)':
    'properti tidak dikenal (yang diizinkan: points, reason)',
  'must be a non-empty string':
    'harus berupa teks yang tidak kosong',
  'must be a decimal number (a JSON number or a decimal string such as "2.5")':
    'harus berupa angka desimal (angka JSON atau teks desimal seperti "2.5")',
  'must not be zero':
    'tidak boleh nol',
  'the period allows no adjustments (its maxAdjustment is 0)':
    'periode ini tidak mengizinkan penyesuaian nilai (maxAdjustment-nya 0)',
  'the adjustments would total {0} points in absolute value, more than the period\'s maxAdjustment {1}':
    'jumlah penyesuaian nilai akan menjadi {0} poin secara mutlak, melebihi maxAdjustment periode sebesar {1}',
  // scoring/issues.ts
  'unknown property (allowed: {0})':
    'properti tidak dikenal (yang diizinkan: {0})',
  'must be a decimal number (a JSON number or a decimal string such as "0.5")':
    'harus berupa angka desimal (angka JSON atau teks desimal seperti "0.5")',
  'must be positive':
    'harus positif',
  'must be between {0} and {1}':
    'harus di antara {0} dan {1}',
  'must be an array':
    'harus berupa array',
  'must have at least {0} {1}':
    'harus memiliki sedikitnya {0} {1}',
  // scoring/report.ts
  'the answers file must be a JSON object with an "answers" member':
    'berkas jawaban harus berupa objek JSON dengan anggota "answers"',
  'is required: an object mapping question codes to values':
    'wajib diisi: objek yang memetakan kode pertanyaan ke nilai',
  'must be true or false':
    'harus true atau false',
  'is required when the period advances the top n per category (one participant cannot apply that rule)':
    'wajib diisi bila periode meloloskan n teratas per kategori (satu peserta saja tidak dapat menerapkan aturan itu)',
  // scoring/validate-answers.ts
  'expected true or false':
    'yang diharapkan true atau false',
  'expected one of {0}':
    'yang diharapkan salah satu dari {0}',
  'unknown option "{0}" (expected one of {1})':
    'opsi "{0}" tidak dikenal (yang diharapkan salah satu dari {1})',
  'expected a list of item values':
    'yang diharapkan daftar nilai item',
  'expected a list of item values (strings)':
    'yang diharapkan daftar nilai item (berupa teks)',
  'unknown item "{0}" (expected some of {1})':
    'item "{0}" tidak dikenal (yang diharapkan beberapa dari {1})',
  'duplicate item "{0}"':
    'item "{0}" ganda',
  'unknown question type "{0}"':
    'jenis pertanyaan "{0}" tidak dikenal',
  'answers must be an object mapping question codes to values':
    'jawaban harus berupa objek yang memetakan kode pertanyaan ke nilai',
  'the period has no visitation stage':
    'periode ini tidak memiliki tahap visitasi',
  'must be an array with one object of aspect scores per juror':
    'harus berupa array dengan satu objek nilai aspek per juri',
  'the period has no presentation stage':
    'periode ini tidak memiliki tahap presentasi',
  'must be an object of aspect scores':
    'harus berupa objek nilai aspek',
  // scoring/validate-period.ts
  'the period scoring settings must be a JSON object':
    'pengaturan penilaian periode harus berupa objek JSON',
  'must be "not_scored" or "tidak_informatif"':
    'harus "not_scored" atau "tidak_informatif"',
  'must be an object of stage weights, e.g. { "saq": 80, "visitation": 20 }':
    'harus berupa objek bobot tahap, misalnya { "saq": 80, "visitation": 20 }',
  'stage weights must sum to exactly 100 (they sum to {0})':
    'bobot tahap harus berjumlah tepat 100 (jumlahnya {0})',
  'must be an array of the period\'s evaluation stages in the order they run, e.g. ["presentation", "visitation"]':
    'harus berupa array tahap evaluasi periode menurut urutan pelaksanaannya, misalnya ["presentation", "visitation"]',
  '"saq" always runs first and is not part of the evaluation order':
    '"saq" selalu berjalan lebih dulu dan bukan bagian dari urutan evaluasi',
  'duplicate stage "{0}" (also at evaluationOrder[{1}])':
    'tahap "{0}" ganda (juga di evaluationOrder[{1}])',
  'the period has no stage "{0}" (stages gives it no weight)':
    'periode ini tidak memiliki tahap "{0}" (stages tidak memberinya bobot)',
  'must list every evaluation stage the period has; missing {0}':
    'harus mencantumkan setiap tahap evaluasi yang dimiliki periode; belum ada {0}',
  'must be an object of stage names, e.g. { "presentation": "Uji Publik" }':
    'harus berupa objek nama tahap, misalnya { "presentation": "Uji Publik" }',
  'unknown stage (labels name {0})':
    'tahap tidak dikenal (label menamai {0})',
  'must be a name of 1 to {0} characters without control characters':
    'harus berupa nama sepanjang 1 sampai {0} karakter tanpa karakter kontrol',
  'is required when the period has a presentation stage':
    'wajib diisi bila periode memiliki tahap presentasi',
  'must be an object of aspect weights, e.g. { "inovasi": 30, ... }':
    'harus berupa objek bobot aspek, misalnya { "inovasi": 30, ... }',
  'aspect names must be non-empty':
    'nama aspek tidak boleh kosong',
  'must name at least one aspect when the period has a presentation stage':
    'harus menyebut sedikitnya satu aspek bila periode memiliki tahap presentasi',
  'aspect weights must sum to exactly 100 (they sum to {0})':
    'bobot aspek harus berjumlah tepat 100 (jumlahnya {0})',
  'must be an object such as { "rule": "min_score", "minScore": 60 }':
    'harus berupa objek seperti { "rule": "min_score", "minScore": 60 }',
  'must be a positive integer':
    'harus berupa bilangan bulat positif',
  'must be "none", "min_score" or "top_per_category"':
    'harus "none", "min_score", atau "top_per_category"',
  'must be a non-empty array of { code, label, min }':
    'harus berupa array yang tidak kosong berisi { code, label, min }',
  'a band must be an object':
    'kualifikasi harus berupa objek',
  'duplicate band code "{0}" (also at bands[{1}])':
    'kode kualifikasi "{0}" ganda (juga di bands[{1}])',
  'two bands cannot share min {0} (also at bands[{1}])':
    'dua kualifikasi tidak boleh memiliki min {0} yang sama (juga di bands[{1}])',
  'one band must have min 0 so that every score has a band':
    'satu kualifikasi harus memiliki min 0 agar setiap nilai memiliki kualifikasi',
  // scoring/validate-questionnaire.ts
  'the questionnaire must be a JSON object':
    'kuesioner harus berupa objek JSON',
  'indicator':
    'indikator',
  'an indicator must be an object':
    'indikator harus berupa objek',
  'duplicate indicator code "{0}" (also at {1})':
    'kode indikator "{0}" ganda (juga di {1})',
  'question':
    'pertanyaan',
  'the indicator has no subIndicators':
    'indikator ini tidak memiliki subIndicators',
  'must be the code of one of the indicator\'s subIndicators ({0})':
    'harus berupa kode salah satu subIndicators milik indikator ini ({0})',
  'is required: the indicator has subIndicators, so every question belongs to one':
    'wajib diisi: indikator ini memiliki subIndicators, jadi setiap pertanyaan termasuk dalam salah satunya',
  'sub-indicator "{0}" has no question':
    'sub-indikator "{0}" tidak memiliki pertanyaan',
  'indicator weights must sum to exactly 100 (they sum to {0})':
    'bobot indikator harus berjumlah tepat 100 (jumlahnya {0})',
  'sub-indicator code "{0}" is also the code of {1}':
    'kode sub-indikator "{0}" juga merupakan kode {1}',
  'sub-indicator':
    'sub-indikator',
  'a sub-indicator must be an object':
    'sub-indikator harus berupa objek',
  'duplicate sub-indicator code "{0}" (also at {1})':
    'kode sub-indikator "{0}" ganda (juga di {1})',
  'a question must be an object':
    'pertanyaan harus berupa objek',
  'duplicate question code "{0}" (also at {1})':
    'kode pertanyaan "{0}" ganda (juga di {1})',
  'is required (one of {0})':
    'wajib diisi (salah satu dari {0})',
  'only checklist questions have items':
    'hanya pertanyaan checklist yang memiliki items',
  'only choice questions have options':
    'hanya pertanyaan pilihan (choice) yang memiliki options',
  'options':
    'opsi',
  'an option must be an object':
    'opsi harus berupa objek',
  'duplicate option value "{0}" (also at {1})':
    'nilai opsi "{0}" ganda (juga di {1})',
  'at least one option must have score 1':
    'sedikitnya satu opsi harus bernilai 1',
  'item':
    'item',
  'an item must be an object':
    'item harus berupa objek',
  'duplicate item value "{0}" (also at {1})':
    'nilai item "{0}" ganda (juga di {1})',

  // spreadsheet limits (http/spreadsheet-parse.ts, spreadsheet-read.ts, zip-limits.ts) and CSV dialects
  'CSV is available in the dialects {0} (?csvDialect=), not "{1}"':
    'CSV tersedia dalam dialek {0} (?csvDialect=), bukan "{1}"',
  'The sheet has {0} data rows; the limit is {1} (IMPORT_MAX_ROWS): split the file':
    'Lembar kerja berisi {0} baris data; batasnya {1} (IMPORT_MAX_ROWS): pecah berkas menjadi beberapa',
  'more than {0} rows':
    'lebih dari {0} baris',
  'Row {0} has {1} columns; the limit is {2} (IMPORT_MAX_COLUMNS)':
    'Baris {0} berisi {1} kolom; batasnya {2} (IMPORT_MAX_COLUMNS)',
  'more than {0} columns':
    'lebih dari {0} kolom',
  '{0} characters; the limit is {1}':
    '{0} karakter; batasnya {1}',
  'At least 100 cells hold more than {0} characters, the limit (IMPORT_MAX_CELL_CHARS)':
    'Sedikitnya 100 sel berisi lebih dari {0} karakter, batasnya (IMPORT_MAX_CELL_CHARS)',
  'A cell holds more than {0} characters, the limit (IMPORT_MAX_CELL_CHARS)':
    'Satu sel berisi lebih dari {0} karakter, batasnya (IMPORT_MAX_CELL_CHARS)',
  '{0} cells hold more than {1} characters, the limit (IMPORT_MAX_CELL_CHARS)':
    '{0} sel berisi lebih dari {1} karakter, batasnya (IMPORT_MAX_CELL_CHARS)',
  'Reading the file needs more than the limit of {0} MB of memory (IMPORT_MAX_MEMORY_MB): it holds too many cells or too much text':
    'Membaca berkas ini memerlukan memori lebih dari batas {0} MB (IMPORT_MAX_MEMORY_MB): berkas berisi terlalu banyak sel atau teks',
  'Reading the file took longer than {0} s; it is not a spreadsheet this service reads':
    'Membaca berkas memakan waktu lebih dari {0} detik; berkas ini bukan lembar kerja yang dapat dibaca layanan ini',
  'The workbook unpacks to more than the limit of {0} bytes ({1} MB; IMPORT_MAX_UNPACKED_BYTES)':
    'Isi workbook setelah diekstrak melebihi batas {0} byte ({1} MB; IMPORT_MAX_UNPACKED_BYTES)',
  'is not a readable ZIP archive':
    'bukan arsip ZIP yang dapat dibaca',
  'The workbook holds more than {0} files; it is not a spreadsheet this service reads':
    'Workbook berisi lebih dari {0} berkas; ini bukan lembar kerja yang dapat dibaca layanan ini',
};
