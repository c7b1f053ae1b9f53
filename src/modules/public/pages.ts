// The public results pages (/hasil): plain server-rendered HTML in Indonesian, readable on a phone
// and by a screen reader, from the same data as the public API. No script: a table, a chart drawn
// as inline SVG, links.
import { Html, html } from '../../documents/html.ts';
import type { bodyHistory, publicPeriod, publicRankings } from './public.service.ts';

type Period = Awaited<ReturnType<typeof publicPeriod>>;
type Rankings = Awaited<ReturnType<typeof publicRankings>>;
type Row = Rankings['items'][number];
type History = Awaited<ReturnType<typeof bodyHistory>>;
export interface PeriodListItem { id: string; year: number; title: string; commission: string; decree: string; publishedAt: Date }

const angka = (n: number | null): string => (n === null ? '—' : n.toFixed(2).replace('.', ','));
const longDate = new Intl.DateTimeFormat('id-ID', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Asia/Jakarta' });
const tanggal = (value: string | Date): string => longDate.format(typeof value === 'string' ? new Date(`${value}T12:00:00+07:00`) : value);
const STATUS: Record<Row['status'], string> = { scored: '', provisional: ' (sementara)', not_submitted: ' (tidak mengisi)' };

// contrast: text #1b1b1b and links #0b4f8a on white are above 7:1; bars #1f5f8b above 4.5:1
const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#1b1b1b;background:#fff}
header,main,footer{max-width:60rem;margin:0 auto;padding:0 1rem}
header{border-bottom:3px solid #1f5f8b;padding-top:1rem}
a{color:#0b4f8a}
a:focus{outline:3px solid #f2a900;outline-offset:2px}
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0}
h2{font-size:1.3rem;margin-top:2rem;border-bottom:1px solid #c8d1da}
h3{font-size:1.1rem}
.meta{color:#404040;margin:.25rem 0 1rem}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{padding:.45rem .5rem;border-bottom:1px solid #c8d1da;text-align:left;vertical-align:top}
thead th{background:#eef2f6}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
ul.plain{padding-left:1.2rem}
figure{margin:1rem 0}
svg{max-width:100%;height:auto}
footer{color:#404040;font-size:.875rem;margin-top:3rem;padding-bottom:2rem}
@media (max-width:40rem){
  body{font-size:15px}
  h1{font-size:1.3rem}
  th,td{padding:.35rem .3rem}
  .hide-sm{display:none}
}`;

function page(title: string, body: Html): string {
  return html`<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${new Html(STYLE)}</style>
</head>
<body>
<header><p><a href="/hasil">Hasil Monitoring dan Evaluasi Keterbukaan Informasi Publik</a></p></header>
<main id="isi">
${body}
</main>
<footer><p>Data yang sama tersedia sebagai JSON melalui API publik (<a href="/api/v1/public/commissions">/api/v1/public</a>).</p></footer>
</body>
</html>
`.text;
}

/** GET /hasil: every published period, latest first. */
export function periodsPage(periods: PeriodListItem[]): string {
  return page('Hasil Monev Keterbukaan Informasi Publik', html`
<h1>Hasil Monev Keterbukaan Informasi Publik</h1>
${periods.length === 0 ? html`<p>Belum ada hasil yang diumumkan.</p>` : html`
<ul class="plain">
${periods.map((p) => html`<li><a href="/hasil/${p.id}">${p.title} (${p.year})</a> — ${p.commission}; Keputusan ${p.decree}, diumumkan ${tanggal(p.publishedAt)}</li>
`)}</ul>`}`);
}

/** Participants per band as a horizontal bar chart (inline SVG, described for screen readers). */
function bandChart(bands: Period['bands']): Html {
  const max = Math.max(1, ...bands.map((b) => b.count));
  const row = 34;
  const label = 150;
  const bar = 200;
  const height = bands.length * row + 10;
  const description = `Sebaran kualifikasi: ${bands.map((b) => `${b.label} ${b.count}`).join(', ')}`;
  return html`<figure>
<svg id="grafik-kualifikasi" role="img" aria-labelledby="grafik-judul" viewBox="0 0 ${label + bar + 50} ${height}" width="${label + bar + 50}" height="${height}" xmlns="http://www.w3.org/2000/svg">
<title id="grafik-judul">${description}</title>
${bands.map((b, i) => html`<g>
<text x="0" y="${i * row + 22}" font-size="14" fill="#1b1b1b">${b.label}</text>
<rect x="${label}" y="${i * row + 8}" width="${bar}" height="20" fill="#eef2f6"/>
<rect x="${label}" y="${i * row + 8}" width="${Math.round((b.count / max) * bar)}" height="20" fill="#1f5f8b" data-band="${b.code}" data-count="${b.count}"/>
<text x="${label + bar + 8}" y="${i * row + 22}" font-size="14" fill="#1b1b1b">${b.count}</text>
</g>`)}
</svg>
<figcaption>Jumlah badan publik per kualifikasi</figcaption>
</figure>`;
}

const history = (row: Row) => html`<a href="/hasil/badan/${row.bodyId}">${row.bodyName}</a>`;

function rankedTable(category: string, rows: Row[]): Html {
  return html`<div class="table-wrap"><table>
<caption>Peringkat kategori ${category}</caption>
<thead><tr><th scope="col" class="num">Peringkat</th><th scope="col">Badan Publik</th><th scope="col" class="num">Nilai Akhir</th><th scope="col">Kualifikasi</th></tr></thead>
<tbody>
${rows.map((r) => html`<tr><td class="num">${r.categoryRank ?? '—'}</td><th scope="row">${history(r)}</th><td class="num">${angka(r.finalScore)}</td><td>${r.band?.label ?? '—'}${STATUS[r.status]}</td></tr>
`)}</tbody>
</table></div>`;
}

function qualificationTable(category: string, rows: Row[]): Html {
  return html`<div class="table-wrap"><table>
<caption>Kualifikasi kategori ${category} (menurut abjad dalam setiap kualifikasi)</caption>
<thead><tr><th scope="col">Kualifikasi</th><th scope="col">Badan Publik</th></tr></thead>
<tbody>
${rows.map((r) => html`<tr><td>${r.band?.label ?? '—'}${STATUS[r.status]}</td><th scope="row">${history(r)}</th></tr>
`)}</tbody>
</table></div>`;
}

/** GET /hasil/{periodId}: the latest published version of a period. */
export function periodPage(period: Period, rankings: Rankings): string {
  const categories = new Map<string, { code: string; name: string; rows: Row[] }>();
  for (const row of rankings.items) {
    const category = categories.get(row.categoryId) ?? { code: row.categoryCode, name: row.categoryName, rows: [] };
    category.rows.push(row);
    categories.set(row.categoryId, category);
  }
  const ordered = [...categories.values()].sort((a, b) => a.code.localeCompare(b.code));
  const qualification = period.mode === 'qualification';
  return page(`${period.title} (${period.year}) — ${period.commission.name}`, html`
<h1>${period.title} (${period.year})</h1>
<p class="meta">${period.commission.name}. Ditetapkan dengan Keputusan Nomor ${period.decreeNumber} tanggal ${tanggal(period.decreeDate)}${period.decree === period.decreeNumber ? '' : html`; diumumkan dengan ${period.decree}`}; versi ${period.version}, diumumkan ${tanggal(new Date(period.publishedAt))}.</p>
${qualification ? html`<p>Hasil diumumkan menurut kualifikasi, tanpa peringkat dan nilai.</p>` : ''}
<h2>Sebaran kualifikasi</h2>
${bandChart(period.bands)}
${period.awards.length > 0 ? html`<h2>Penghargaan</h2>
${period.awards.map((a) => html`<h3>${a.title}</h3>
<ul class="plain">${a.bodies.map((b) => html`<li><a href="/hasil/badan/${b.id}">${b.name}</a></li>`)}</ul>
`)}` : ''}
<h2>Hasil per kategori</h2>
${ordered.map((c) => html`<h3>${c.name}</h3>
${qualification ? qualificationTable(c.name, c.rows) : rankedTable(c.name, c.rows)}`)}`);
}

/** GET /hasil/badan/{bodyId}: a body's published results across years. */
export function bodyPage(body: History): string {
  return page(`${body.bodyName} — riwayat hasil monev`, html`
<h1>${body.bodyName}</h1>
<p class="meta">Riwayat hasil monitoring dan evaluasi yang telah diumumkan (<a href="/api/v1/public/bodies/${body.bodyId}/history">JSON</a>).</p>
<div class="table-wrap"><table>
<caption>Hasil per periode</caption>
<thead><tr><th scope="col">Tahun</th><th scope="col">Periode</th><th scope="col" class="hide-sm">Komisi</th><th scope="col" class="num">Nilai Akhir</th><th scope="col">Kualifikasi</th></tr></thead>
<tbody>
${body.items.map((i) => html`<tr><td>${i.year}</td><th scope="row"><a href="/hasil/${i.periodId}">${i.periodTitle}</a></th><td class="hide-sm">${i.commission.name}</td><td class="num">${angka(i.finalScore)}</td><td>${i.band?.label ?? '—'}</td></tr>
`)}</tbody>
</table></div>`);
}

export function notFoundPage(): string {
  return page('Tidak ditemukan', html`
<h1>Halaman tidak ditemukan</h1>
<p>Hasil yang Anda cari belum diumumkan atau tidak ada. Lihat <a href="/hasil">daftar hasil yang telah diumumkan</a>.</p>`);
}
