// The `kip-monev score` command on files (docs/scoring.md §9): through run() for the cases, and once
// through the real bin entry in a child process.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/commands/score.ts';
import { DEFAULT_BANDS, canonicalJson, normalizePeriodScoring, scoringInputsHash, scoringInputsRecord, sha256Hex } from '../../src/scoring/index.ts';
import { getPreset } from '../../src/scoring/presets.ts';
import { example } from './fixtures.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
let dir: string;

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

async function score(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const log = vi.spyOn(console, 'log').mockImplementation((...args) => void (stdout += `${args.join(' ')}\n`));
  const err = vi.spyOn(console, 'error').mockImplementation((...args) => void (stderr += `${args.join(' ')}\n`));
  try {
    return { code: await run(argv), stdout, stderr };
  } finally {
    out.mockRestore();
    log.mockRestore();
    err.mockRestore();
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kip-score-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const verified = { '2.1.1': true, '2.1.2': 'late', '2.1.3': ['web'] };

describe('kip-monev score', () => {
  it('prints indicators, saq, stages, final score, band and completeness with 2-decimal numbers', async () => {
    const q = file('q.json', example);
    const a = file('a.json', { answers: verified, visitation: 85.5 });
    const p = file('p.json', { stages: { saq: 80, visitation: 20 } });
    const { code, stdout, stderr } = await score('--questionnaire', q, '--answers', a, '--period', p);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('"finalScore": 39.10');
    expect(stdout).toContain('"score": 68.75');
    const out = JSON.parse(stdout) as Record<string, unknown>;
    // JI 68.75 → SAQ 27.5; 0.8 × 27.5 + 0.2 × 85.5 = 39.1
    expect(out).toMatchObject({
      status: 'scored',
      indicators: [{ code: 'JI', score: 68.75, contribution: 27.5 }, { code: 'DG', score: 0, contribution: 0 }],
      saq: 27.5,
      stages: { saq: 27.5, visitation: 85.5 },
      advanced: true,
      finalScore: 39.1,
      band: { code: 'tidak_informatif', label: 'Tidak Informatif' },
      complete: true,
      progress: { decided: 3, total: 4 },
    });
    expect(out.inputsHash).toBe(scoringInputsHash({
      questionnaire: example, period: { stages: { saq: 80, visitation: 20 }, presentationAspects: {}, advancement: { rule: 'none' }, bands: DEFAULT_BANDS, nonSubmitters: 'not_scored' },
      selfAnswers: verified, verifiedAnswers: verified, visitation: 85.5, presentation: [], advanced: true, submitted: true,
    }));
  });

  it('applies min_score advancement unless the answers file says "advanced"', async () => {
    const q = file('q.json', example);
    const p = file('p.json', { stages: { saq: 80, visitation: 20 }, advancement: { rule: 'min_score', minScore: 60 } });
    const notAdvanced = JSON.parse((await score('-q', q, '-a', file('a.json', { answers: verified, visitation: 100 }), '-p', p)).stdout);
    expect([notAdvanced.advanced, notAdvanced.finalScore]).toEqual([false, 27.5]);
    const overridden = JSON.parse((await score('-q', q, '-a', file('a2.json', { answers: verified, visitation: 100, advanced: true }), '-p', p)).stdout);
    expect([overridden.advanced, overridden.finalScore]).toEqual([true, 42]);
  });

  it('reports a provisional score as not complete', async () => {
    const q = file('q.json', example);
    const p = file('p.json', { stages: { saq: 80, visitation: 20 } });
    const out = JSON.parse((await score('-q', q, '-a', file('a.json', { answers: verified }), '-p', p)).stdout);
    expect(out).toMatchObject({ status: 'provisional', complete: false, finalScore: 27.5, stages: { saq: 27.5, visitation: null } });
  });

  it('scores a preset and recomputes the same result from an inputs record', async () => {
    // Pemprov JI weights 3 + 3 + 2 + 2 + 2 = 12; only 1.3 (weight 2) met: JI = 100 × 2/12, SAQ = 40 % of it = 6.666… → 6.67.
    const first = await score('--preset', 'perki-2022-pemprov', '--answers', file('a.json', { answers: { '1.3': true, '2.3': ['friendster'] } }));
    expect(first.stderr).toContain('answers["2.3"]: unknown item "friendster"');
    const { stdout } = await score('--preset', 'perki-2022-pemprov', '--answers', file('a.json', { answers: { '1.3': true } }));
    const out = JSON.parse(stdout);
    expect(out.finalScore).toBe(6.67);
    expect(out.indicators[0]).toEqual({ code: 'JI', name: 'Jenis Informasi', score: 16.67, contribution: 6.67 });

    const record = scoringInputsRecord({
      questionnaire: getPreset('perki-2022-pemprov')!.questionnaire, period: normalizePeriodScoring({}),
      selfAnswers: { '1.3': true }, verifiedAnswers: { '1.3': true }, visitation: null, presentation: [], advanced: true, submitted: true,
    });
    const again = await score('--inputs', file('record.json', record));
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(stdout);
    expect(out.inputsHash).toBe(sha256Hex(canonicalJson(record)));
  });

  it('accepts evaluationOrder and stageLabels in p.json, validates them, and computes the same numbers and hash', async () => {
    const q = file('q.json', example);
    const a = file('a.json', { answers: verified, visitation: 85.5, presentation: [{ penguasaan_materi: 90 }] });
    const settings = { stages: { saq: 60, presentation: 20, visitation: 20 }, presentationAspects: { penguasaan_materi: 100 } };
    const plain = await score('-q', q, '-a', a, '-p', file('p.json', settings));
    const kiPusat = await score('-q', q, '-a', a, '-p', file('p-pusat.json', {
      ...settings, evaluationOrder: ['presentation', 'visitation'], stageLabels: { presentation: 'Uji Publik' },
    }));
    expect(kiPusat.code).toBe(0);
    const [before, after] = [JSON.parse(plain.stdout), JSON.parse(kiPusat.stdout)];
    // 0.6 × 27.5 + 0.2 × 90 + 0.2 × 85.5 = 51.6, whichever stage runs first
    expect(after).toEqual(before);
    expect(after.finalScore).toBe(51.6);
    // the stages are written in the order the period runs them
    expect(Object.keys(after.stages)).toEqual(['saq', 'presentation', 'visitation']);
    expect(Object.keys(before.stages)).toEqual(['saq', 'visitation', 'presentation']);

    const bad = await score('-q', q, '-a', a, '-p', file('bad-order.json', { ...settings, evaluationOrder: ['presentation'], stageLabels: { wawancara: 'Wawancara' } }));
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toBe(`kip-monev score: invalid period ${join(dir, 'bad-order.json')}: `
      + 'evaluationOrder: must list every evaluation stage the period has; missing "visitation"; stageLabels.wawancara: unknown stage (labels name "saq", "visitation", "presentation")');
  });

  it('prints help', async () => {
    const { code, stdout } = await score('--help');
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: kip-monev score --questionnaire q.json --answers a.json [--period p.json]');
  });

  it.each([
    [['--answers', 'a.json'], 2, 'kip-monev score: --questionnaire (or --preset) is required (see kip-monev score --help)'],
    [['--questionnaire', 'q.json'], 2, 'kip-monev score: --answers is required (see kip-monev score --help)'],
    [['--bogus'], 2, 'kip-monev score: Unknown option \'--bogus\' (see kip-monev score --help)'],
    [['--inputs', 'r.json', '--answers', 'a.json'], 2, 'kip-monev score: --inputs replaces --questionnaire, --preset, --answers and --period (see kip-monev score --help)'],
  ])('rejects wrong usage %j', async (argv, expectedCode, message) => {
    const { code, stderr, stdout } = await score(...argv);
    expect(code).toBe(expectedCode);
    expect(stdout).toBe('');
    expect(stderr.trim()).toBe(message);
  });

  it('fails with one clear line for an unreadable file, invalid JSON, an invalid questionnaire or invalid answers', async () => {
    const q = file('q.json', example);
    const a = file('a.json', { answers: verified });
    const missing = join(dir, 'missing.json');
    const cases: [string[], string][] = [
      [['-q', missing, '-a', a], `kip-monev score: cannot read the questionnaire file ${missing} (ENOENT)`],
      [['-q', file('broken.json', '{"code":'), '-a', a], `kip-monev score: the questionnaire file ${join(dir, 'broken.json')} is not valid JSON:`],
      [['-q', file('bad-q.json', { ...example, indicators: [{ ...example.indicators[0], weight: 50 }, example.indicators[1]] }), '-a', a],
        `kip-monev score: invalid questionnaire ${join(dir, 'bad-q.json')}: indicators: indicator weights must sum to exactly 100 (they sum to 110)`],
      [['-q', file('bad-opt.json', { ...example, indicators: [{ ...example.indicators[0], questions: [{ ...example.indicators[0]!.questions[1], options: [{ value: 'x', label: 'X', score: 1 }] }] }, example.indicators[1]] }), '-a', a],
        `kip-monev score: invalid questionnaire ${join(dir, 'bad-opt.json')}: indicators[0].questions[0].options: must have at least 2 options`],
      [['-q', q, '-a', file('bad-a.json', { answers: { '2.1.1': 'yes', '9.9': true } })],
        `kip-monev score: invalid answers ${join(dir, 'bad-a.json')}: answers["2.1.1"]: expected true or false; answers["9.9"]: unknown question "9.9"`],
      [['-q', q, '-a', a, '-p', file('bad-p.json', { stages: { saq: 80 } })],
        `kip-monev score: invalid period ${join(dir, 'bad-p.json')}: stages: stage weights must sum to exactly 100 (they sum to 80)`],
      [['-q', q, '-a', a, '-p', file('top.json', { advancement: { rule: 'top_per_category', n: 3 } })],
        `kip-monev score: invalid answers ${join(dir, 'a.json')}: advanced: is required when the period advances the top n per category (one participant cannot apply that rule)`],
    ];
    for (const [argv, message] of cases) {
      const { code, stdout, stderr } = await score(...argv);
      expect(code, message).toBe(1);
      expect(stdout).toBe('');
      expect(stderr.startsWith(message), `${stderr} should start with ${message}`).toBe(true);
      expect(stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('runs through the package bin entry', () => {
    const q = file('q.json', example);
    const a = file('a.json', { answers: verified });
    const ok = spawnSync(process.execPath, [join(root, 'bin/kip-monev.js'), 'score', '--questionnaire', q, '--answers', a], { encoding: 'utf8', cwd: root });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ finalScore: 27.5, band: { code: 'tidak_informatif' }, complete: true });
    const bad = spawnSync(process.execPath, [join(root, 'bin/kip-monev.js'), 'score', '--questionnaire', join(dir, 'nope.json'), '--answers', a], { encoding: 'utf8', cwd: root });
    expect(bad.status).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim()).toBe(`kip-monev score: cannot read the questionnaire file ${join(dir, 'nope.json')} (ENOENT)`);
  }, 60_000);
});
