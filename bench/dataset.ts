// The benchmark dataset, generated deterministically by bulk SQL (the same rows the service's write
// paths produce): one commission, N bodies in 7 categories, a period of N participants × Q questions,
// all answered and verified, with visitation and presentation scores, plus earlier periods for history.
import { validateQuestionnaire, type Questionnaire } from '../src/scoring/index.ts';
import type pg from 'pg';
import { must, one } from '../src/must.ts';

export interface DatasetOptions {
  participants: number;
  questions: number;
  /** earlier periods of the same bodies (for the public history) */
  historyPeriods: number;
  /**
   * the stage of the current period: `deliberation` (default: answered, verified, presented) or
   * `saq` (participants enrolled with no answers yet, and one respondent user per body)
   */
  stage?: 'deliberation' | 'saq';
}

export interface Dataset {
  commissionId: string;
  periodIds: string[];
  /** the current period (the last of periodIds) */
  periodId: string;
  adminUsername: string;
  password: string;
  sampleBodyId: string;
  /** `saq` stage only: the respondents' usernames and their bodies, in the same order */
  respondents: { username: string; bodyId: string }[];
}

const INDICATORS = [
  { code: 'JI', name: 'Jenis Informasi', weight: 40, share: 50 },
  { code: 'DG', name: 'Digitalisasi', weight: 20, share: 30 },
  { code: 'KI', name: 'Kualitas Informasi', weight: 10, share: 20 },
  { code: 'PI', name: 'Pelayanan Informasi', weight: 10, share: 20 },
  { code: 'KO', name: 'Komitmen Organisasi', weight: 10, share: 15 },
  { code: 'SP', name: 'Sarana dan Prasarana', weight: 10, share: 15 },
];

export function benchQuestionnaire(questions: number): Questionnaire {
  const total = INDICATORS.reduce((s, i) => s + i.share, 0);
  let made = 0;
  const indicators = INDICATORS.map((ind, k) => {
    const count = k === INDICATORS.length - 1 ? questions - made : Math.max(1, Math.round((ind.share / total) * questions));
    made += count;
    return {
      code: ind.code, name: ind.name, weight: ind.weight,
      questions: Array.from({ length: count }, (_, j) => {
        const code = `${k + 1}.${j + 1}`;
        const base = { code, text: `Pertanyaan ${code}`, weight: 1 + (j % 3), evidence: 'none' as const };
        if (j % 7 === 6) {
          return { ...base, type: 'checklist' as const, items: ['web', 'app', 'desk', 'sms'].map((v) => ({ value: v, label: v })) };
        }
        if (j % 4 === 3) {
          return { ...base, type: 'choice' as const, options: [
            { value: 'full', label: 'Lengkap', score: 1 }, { value: 'late', label: 'Terlambat', score: 0.5 }, { value: 'none', label: 'Tidak ada', score: 0 },
          ] };
        }
        return { ...base, type: 'yes_no' as const };
      }),
    };
  });
  const result = validateQuestionnaire({ code: 'BENCH', title: 'SAQ benchmark', indicators });
  if (!result.ok) throw new Error(`bench questionnaire invalid: ${JSON.stringify(result.errors)}`);
  return result.value;
}

const CATEGORIES = ['OPD', 'PEMKAB', 'PEMKOT', 'BUMD', 'VERTIKAL', 'PTN', 'PARPOL'];

/** Loads the dataset; password hash is passed in so the loader needs no crypto of its own. */
export async function loadDataset(client: pg.ClientBase, options: DatasetOptions, passwordHash: string): Promise<Dataset> {
  const questionnaire = benchQuestionnaire(options.questions);
  const questions = questionnaire.indicators.flatMap((i) => i.questions.map((q) => ({ code: q.code, type: q.type })));
  const suffix = Date.now().toString(36);
  const q = async <R extends pg.QueryResultRow = Record<string, unknown>>(text: string, values: unknown[] = []) => (await client.query<R>(text, values)).rows;

  await q('BEGIN');
  // bulk load: skip per-row foreign-key triggers (the generator only references rows it just made)
  await q("SET LOCAL session_replication_role = replica");
  const commission = one(await q<{ id: string }>(`INSERT INTO commissions (name, level, region) VALUES ($1, 'provinsi', 'Bench') RETURNING id`, [`KI Bench ${suffix}`]), 'the commission');
  const cid = commission.id;
  const categories = await q<{ id: string }>(
    `INSERT INTO categories (commission_id, code, name) SELECT $1, c, 'Kategori ' || c FROM unnest($2::text[]) c RETURNING id`, [cid, CATEGORIES]);
  const categoryIds = categories.map((c) => c.id);
  await q(`INSERT INTO bodies (commission_id, category_id, name, search_name)
           SELECT $1, ($2::uuid[])[1 + (i % $3)], 'Badan Publik ' || lpad(i::text, 6, '0'), 'badan publik ' || lpad(i::text, 6, '0')
           FROM generate_series(1, $4) i`, [cid, categoryIds, categoryIds.length, options.participants]);
  const adminUsername = `bench-admin-${suffix}`;
  await q(`INSERT INTO users (commission_id, username, role, password_hash) VALUES ($1, $2, 'admin', $3), ($1, $4, 'assessor', $3) RETURNING id`,
    [cid, adminUsername, passwordHash, `bench-assessor-${suffix}`]);
  const jurors = await q<{ id: string }>(`INSERT INTO users (commission_id, username, role, password_hash) VALUES ($1, $2, 'juror', $4), ($1, $3, 'juror', $4) RETURNING id`,
    [cid, `bench-juror1-${suffix}`, `bench-juror2-${suffix}`, passwordHash]);

  const firstYear = 2025 - options.historyPeriods;
  const periodIds: string[] = [];
  for (let y = 0; y <= options.historyPeriods; y++) {
    const year = firstYear + y;
    const saq = y === options.historyPeriods && options.stage === 'saq';
    const period = one(await q<{ id: string }>(`INSERT INTO periods (commission_id, year, title, stage, stages, presentation_aspects, advancement, bands)
      VALUES ($1, $2, $3, $8, $4, $5, $6, $7) RETURNING id`, [
      cid, year, `Monev KIP ${year}`,
      JSON.stringify({ saq: 60, visitation: 20, presentation: 20 }),
      JSON.stringify({ penguasaan_materi: 60, inovasi: 40 }),
      JSON.stringify({ rule: 'none' }),
      JSON.stringify([
        { code: 'informatif', label: 'Informatif', min: 90 }, { code: 'menuju_informatif', label: 'Menuju Informatif', min: 80 },
        { code: 'cukup_informatif', label: 'Cukup Informatif', min: 60 }, { code: 'kurang_informatif', label: 'Kurang Informatif', min: 40 },
        { code: 'tidak_informatif', label: 'Tidak Informatif', min: 0 },
      ]),
      saq ? 'saq' : 'deliberation',
    ]), 'the period');
    const pid = period.id;
    periodIds.push(pid);
    const qn = one(await q<{ id: string }>(`INSERT INTO questionnaires (commission_id, period_id, code, title, definition) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [cid, pid, questionnaire.code, questionnaire.title, JSON.stringify(questionnaire)]), 'the questionnaire');
    await q(`INSERT INTO questionnaire_categories (questionnaire_id, period_id, category_id) SELECT $1, $2, unnest($3::uuid[])`, [qn.id, pid, categoryIds]);
    if (saq) {
      await q(`INSERT INTO participants (commission_id, period_id, body_id, category_id, status, question_count)
               SELECT $1, $2, b.id, b.category_id, 'enrolled', $3 FROM bodies b WHERE b.commission_id = $1`, [cid, pid, questions.length]);
      continue;
    }
    await q(`INSERT INTO participants (commission_id, period_id, body_id, category_id, status, submitted_at, advanced,
               visitation_score, question_count)
             SELECT $1, $2, b.id, b.category_id, 'submitted', now(), true,
               (55 + abs(hashtext(b.id::text || $3::text)) % 45)::numeric + 0.5, $4
             FROM bodies b WHERE b.commission_id = $1`, [cid, pid, year, questions.length]);
    // answers: deterministic per (participant, question, year); year-on-year scores drift upwards.
    // Stored participant by participant, as PUT …/answers writes them: without the ORDER BY the
    // planner loops over the questions outside, and each participant's 150 answers land on 150
    // different pages, which no real period looks like (and which made reading a period's answers
    // cost a page per answer once the table outgrew shared_buffers).
    await q(`INSERT INTO answers (participant_id, question_code, value)
             SELECT p.id, qs.code,
               CASE qs.type
                 WHEN 'yes_no' THEN to_jsonb(abs(hashtext(p.id::text || qs.code)) % 100 < 55 + $3::int * 5)
                 WHEN 'choice' THEN to_jsonb((ARRAY['full','late','none'])[1 + abs(hashtext(p.id::text || qs.code)) % 3])
                 ELSE (SELECT coalesce(jsonb_agg(it), '[]'::jsonb) FROM unnest((ARRAY['web','app','desk','sms'])[1:abs(hashtext(p.id::text || qs.code)) % 5]) it)
               END
             FROM participants p CROSS JOIN jsonb_to_recordset($2::jsonb) AS qs(code text, type text)
             WHERE p.period_id = $1
             ORDER BY p.id, qs.code`, [pid, JSON.stringify(questions), y]);
    // verifications: most accepted, one in ten adjusted down with a note
    await q(`INSERT INTO verifications (participant_id, question_code, decision, value, note)
             SELECT a.participant_id, a.question_code,
               CASE WHEN abs(hashtext(a.id::text)) % 10 = 0 THEN 'adjust' ELSE 'accept' END,
               CASE WHEN abs(hashtext(a.id::text)) % 10 <> 0 THEN NULL
                    WHEN jsonb_typeof(a.value) = 'boolean' THEN 'false'::jsonb
                    WHEN jsonb_typeof(a.value) = 'string' THEN '"none"'::jsonb
                    ELSE '[]'::jsonb END,
               CASE WHEN abs(hashtext(a.id::text)) % 10 = 0 THEN 'Bukti dukung tidak sesuai' END
             FROM answers a JOIN participants p ON p.id = a.participant_id WHERE p.period_id = $1`, [pid]);
    await q(`UPDATE participants SET decided_count = question_count WHERE period_id = $1`, [pid]);
    for (const [j, juror] of jurors.entries()) {
      await q(`INSERT INTO presentation_scores (participant_id, juror_id, aspects, score)
               SELECT p.id, $2, jsonb_build_object('penguasaan_materi', m, 'inovasi', i), (m * 60 + i * 40) / 100.0
               FROM participants p,
                 LATERAL (SELECT (60 + abs(hashtext(p.id::text || $3::text)) % 40)::numeric AS m,
                                 (50 + abs(hashtext(p.id::text || $3::text || 'i')) % 50)::numeric AS i) s
               WHERE p.period_id = $1`, [pid, juror.id, `j${j}`]);
    }
    await q(`INSERT INTO assignments (participant_id, user_id, role)
             SELECT p.id, $2, 'assessor' FROM participants p WHERE p.period_id = $1
             UNION ALL SELECT p.id, j, 'juror' FROM participants p, unnest($3::uuid[]) j WHERE p.period_id = $1`,
      [pid, one(await q<{ id: string }>(`SELECT id FROM users WHERE username = $1`, [`bench-assessor-${suffix}`]), 'the assessor').id, jurors.map((j) => j.id)]);
  }
  const respondents = options.stage !== 'saq' ? [] : (await q<{ username: string; body_id: string }>(
    `INSERT INTO users (commission_id, username, role, body_id, password_hash)
     SELECT $1, 'bench-respondent-' || $2 || '-' || row_number() OVER (ORDER BY b.name), 'respondent', b.id, $3
     FROM bodies b WHERE b.commission_id = $1 RETURNING username, body_id`, [cid, suffix, passwordHash],
  )).map((r) => ({ username: r.username, bodyId: r.body_id }));
  await q('COMMIT');
  const sample = one(await q<{ id: string }>(`SELECT id FROM bodies WHERE commission_id = $1 ORDER BY name LIMIT 1`, [cid]), 'a body');
  return { commissionId: cid, periodIds, periodId: must(periodIds.at(-1), 'the current period'), adminUsername, password: '', sampleBodyId: sample.id, respondents };
}
