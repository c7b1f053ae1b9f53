// Adjustments (docs/scoring.md §5, §8, §9): plenary bonus or penalty points, applied exactly and clamped
// to 0–100 for a complete participant only; the band and the gap follow the adjusted score; the
// input record carries them only when present, so records without them hash as before.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { run } from '../../src/commands/score.ts';
import {
  canonicalInputs, canonicalJson, explainParticipant, scoreFromJson, scoreParticipant, scoringInputsHash, scoringInputsRecord,
  sha256Hex, validateAdjustments, type ParticipantInput,
} from '../../src/scoring/index.ts';
import { answered, example, period, singleChoice } from './fixtures.ts';

const part = { q: 'part' };
const PLUS = { points: 2, reason: 'Kepala badan publik hadir langsung pada presentasi (nilai plus)' };
/** the answers of docs/scoring.md §4: SAQ 32.5; with visitation 85.5 at { saq: 80, visitation: 20 } the final score is 43.10 */
const S4 = { '2.1.1': true, '2.1.2': 'late', '2.1.3': ['web', 'desk', 'sms'], '3.1': false };
const S5_PERIOD = { stages: { saq: 80, visitation: 20 }, maxAdjustment: 5 };

describe('the adjusted final score (docs/scoring.md §5)', () => {
  it('adds the points exactly and clamps at 100', () => {
    const s = scoreParticipant(answered(singleChoice('0.99'), part, { period: period({ maxAdjustment: 5 }), adjustments: [PLUS] }));
    expect(s.baseScore?.toString()).toBe('99');
    expect(s.finalScore?.toString()).toBe('100');
    expect(s.finalScoreRounded?.toFixed(2)).toBe('100.00');
    expect(s.band?.code).toBe('informatif');
    expect(s.adjustmentTotal.toString()).toBe('2');
    expect(s.adjustmentsApplied).toBe(true);
  });

  it('clamps at 0', () => {
    const s = scoreParticipant(answered(singleChoice('0.01'), part, { period: period({ maxAdjustment: 5 }), adjustments: [{ points: '-2.5', reason: 'Penalti' }] }));
    expect(s.baseScore?.toString()).toBe('1');
    expect(s.finalScore?.toString()).toBe('0');
    expect(s.band?.code).toBe('tidak_informatif');
  });

  it('takes the band from the adjusted score rounded half up from its exact value', () => {
    const q = singleChoice('0.87005'); // SAQ exactly 87.005
    const withPoints = (points: number | string) =>
      scoreParticipant(answered(q, part, { period: period({ maxAdjustment: 5 }), adjustments: [{ points, reason: 'x' }] }));
    expect(scoreParticipant(answered(q, part)).band?.code).toBe('menuju_informatif');
    // 87.005 + 2.99 = 89.995 → 90.00 → Informatif; 87.005 + 2.989 = 89.994 → 89.99
    expect(withPoints('2.99').finalScoreRounded?.toFixed(2)).toBe('90.00');
    expect(withPoints('2.99').band?.code).toBe('informatif');
    expect(withPoints(2.989).finalScoreRounded?.toFixed(2)).toBe('89.99');
    expect(withPoints(2.989).band?.code).toBe('menuju_informatif');
    // two adjustments add up: 1.5 + 1.49 = 2.99
    const two = scoreParticipant(answered(q, part, { period: period({ maxAdjustment: 5 }), adjustments: [{ points: 1.5, reason: 'a' }, { points: '1.49', reason: 'b' }] }));
    expect(two.finalScore?.toString()).toBe('89.995');
  });

  it('keeps the adjustments of a provisional participant but does not apply them', () => {
    const s = scoreParticipant(answered(example, S4, { period: period(S5_PERIOD), adjustments: [PLUS] }));
    expect(s.status).toBe('provisional');
    expect(s.finalScore?.toString()).toBe('32.5');
    expect(s.baseScore?.toString()).toBe('32.5');
    expect(s.adjustmentTotal.toString()).toBe('2');
    expect(s.adjustmentsApplied).toBe(false);
    // once the visitation score is in, it is complete and they apply: 43.10 + 2
    const complete = scoreParticipant(answered(example, S4, { period: period(S5_PERIOD), visitation: 85.5, adjustments: [PLUS] }));
    expect(complete.finalScoreRounded?.toFixed(2)).toBe('45.10');
  });

  it('does not apply them to a non-submitter, nor under nonSubmitters "tidak_informatif"', () => {
    for (const nonSubmitters of ['not_scored', 'tidak_informatif'] as const) {
      const s = scoreParticipant(answered(example, {}, { period: period({ maxAdjustment: 5, nonSubmitters }), submitted: false, adjustments: [PLUS] }));
      expect(s.status).toBe('not_submitted');
      expect(s.adjustmentsApplied).toBe(false);
      expect(s.finalScore?.toString() ?? null).toBe(nonSubmitters === 'not_scored' ? null : '0');
    }
  });

  it('applies them to a participant that did not advance (its verified SAQ is complete)', () => {
    const s = scoreParticipant(answered(example, S4, { period: period(S5_PERIOD), advanced: false, adjustments: [PLUS] }));
    expect(s.status).toBe('scored');
    expect(s.finalScore?.toString()).toBe('34.5');
  });
});

describe('the explanation and the gap with adjustments (docs/scoring.md §8)', () => {
  const base: ParticipantInput = answered(example, S4, { period: period(S5_PERIOD), visitation: 85.5 });

  it('lists the adjustments and measures the gap from the adjusted score, gains unchanged', () => {
    const plain = explainParticipant(base);
    const adjusted = explainParticipant({ ...base, adjustments: [PLUS] });
    expect(plain.gap.pointsNeeded?.toFixed(2)).toBe('16.90');
    expect(adjusted.adjustments.map((a) => [a.points.toString(), a.reason])).toEqual([['2', PLUS.reason]]);
    expect(adjusted.score.finalScoreRounded?.toFixed(2)).toBe('45.10');
    expect(adjusted.gap.nextBand?.code).toBe('cukup_informatif');
    expect(adjusted.gap.pointsNeeded?.toFixed(2)).toBe('14.90');
    expect(adjusted.gap.questions.map((g) => [g.question, g.gain.toString()])).toEqual(plain.gap.questions.map((g) => [g.question, g.gain.toString()]));
    // enough points move the band, and the next band with it
    const far = explainParticipant({ ...base, period: period({ ...S5_PERIOD, maxAdjustment: 20 }), adjustments: [{ points: 17, reason: 'x' }] });
    expect(far.score.band?.code).toBe('cukup_informatif');
    expect(far.gap.nextBand?.code).toBe('menuju_informatif');
    expect(far.gap.pointsNeeded?.toFixed(2)).toBe('19.90');
  });
});

describe('validateAdjustments', () => {
  it('accepts non-zero decimals within maxAdjustment, counting |points|', () => {
    expect(validateAdjustments({ maxAdjustment: 5 }, [{ points: 2, reason: 'a' }, { points: '-3', reason: 'b' }])).toEqual([]);
    expect(validateAdjustments({ maxAdjustment: 5 }, undefined)).toEqual([]);
  });

  it('names the offending item', () => {
    expect(validateAdjustments({ maxAdjustment: 5 }, [{ points: 0, reason: 'a' }])).toEqual([{ path: '[0].points', message: 'must not be zero' }]);
    expect(validateAdjustments({ maxAdjustment: 0 }, [PLUS])).toEqual([{ path: '[0].points', message: 'the period allows no adjustments (its maxAdjustment is 0)' }]);
    expect(validateAdjustments({}, [PLUS])).toHaveLength(1);
    expect(validateAdjustments({ maxAdjustment: 5 }, [{ points: 3, reason: 'a' }, { points: -2.5, reason: 'b' }])).toEqual([
      { path: '[1].points', message: 'the adjustments would total 5.5 points in absolute value, more than the period\'s maxAdjustment 5' },
    ]);
    expect(validateAdjustments({ maxAdjustment: 5 }, [{ points: 1, reason: ' ' }, { points: '1e2', reason: 'x' }, { points: 1 }, { points: 1, reason: 'x', by: 'me' }])).toEqual([
      { path: '[0].reason', message: 'must be a non-empty string' },
      { path: '[1].points', message: 'must be a decimal number (a JSON number or a decimal string such as "2.5")' },
      { path: '[2].reason', message: 'is required' },
      { path: '[3].by', message: 'unknown property (allowed: points, reason)' },
    ]);
    expect(validateAdjustments({ maxAdjustment: 5 }, { points: 1 })).toEqual([{ path: '', message: 'must be a list of { "points", "reason" }' }]);
  });
});

describe('adjustments in the input record (docs/scoring.md §9)', () => {
  const answers = { '2.1.1': true, '2.1.2': 'late', '2.1.3': ['web', 'desk'] };
  const record = (extra: Partial<ParticipantInput> = {}): ParticipantInput =>
    answered(example, answers, { period: period({ stages: { saq: 80, visitation: 20 } }), visitation: 85.5, ...extra });

  it('leaves a record without adjustments byte-identical to the record before adjustments existed', () => {
    // the SHA-256 this record had before maxAdjustment and adjustments were added (commit 9dbdcf8)
    const before = '58b8668da9f80b6c6c54a0beb76fa1bfe1f2ff83a883585530f65dbe0965a74f';
    expect(scoringInputsHash(record())).toBe(before);
    expect(scoringInputsHash(record({ adjustments: [] }))).toBe(before);
    expect(sha256Hex(canonicalInputs(record({ adjustments: [] })))).toBe(before);
    expect(scoringInputsHash(record({ period: period({ stages: { saq: 80, visitation: 20 }, maxAdjustment: '0.0' }) }))).toBe(before);
    expect(canonicalInputs(record())).not.toMatch(/adjust|maxAdjustment/i);
  });

  it('records the adjustments and maxAdjustment when present, spliced as canonicalJson writes them', () => {
    const input = record({ period: period({ stages: { saq: 80, visitation: 20 }, maxAdjustment: '5.0' }), adjustments: [{ points: '2.50', reason: 'nilai plus' }] });
    const r = scoringInputsRecord(input);
    expect(r.adjustments).toEqual([{ points: 2.5, reason: 'nilai plus' }]);
    expect(r.period.maxAdjustment).toBe(5);
    expect(canonicalInputs(input)).toBe(canonicalJson(r));
    expect(canonicalInputs(input).startsWith('{"adjustments":[{"points":2.5,"reason":"nilai plus"}],"advanced":true,')).toBe(true);
    expect(scoringInputsHash(input)).not.toBe(scoringInputsHash(record()));
  });
});

describe('a Banten-shaped nilai plus through scoreFromJson (the kip-monev score command)', () => {
  it('adds +2 for the agency head presenting in person and reports it', () => {
    const result = scoreFromJson({ questionnaire: example, period: S5_PERIOD, answers: { answers: S4, visitation: 85.5, adjustments: [PLUS] } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { report, input } = result.value;
    expect(report.finalScore?.toFixed(2)).toBe('45.10');
    expect(report.band?.code).toBe('kurang_informatif');
    expect(report.adjustments).toBeDefined();
    expect(report.adjustments?.total.toFixed(2)).toBe('2.00');
    expect(report.adjustments?.applied).toBe(true);
    expect(report.adjustments?.baseScore?.toFixed(2)).toBe('43.10');
    expect(report.inputsHash).toBe(scoringInputsHash(input));
    // recomputing from the record gives the same numbers and hash
    const r = scoringInputsRecord(input);
    const { questionnaire, period: p, ...rest } = r;
    const again = scoreFromJson({ questionnaire, period: p, answers: rest });
    expect(again.ok && again.value.report.finalScore?.toFixed(2)).toBe('45.10');
    expect(again.ok && again.value.report.inputsHash).toBe(report.inputsHash);
    // without adjustments the report has no adjustments member
    const plain = scoreFromJson({ questionnaire: example, period: S5_PERIOD, answers: { answers: S4, visitation: 85.5 } });
    expect(plain.ok && plain.value.report.adjustments).toBeUndefined();
  });

  it('refuses adjustments the period does not allow', () => {
    const none = scoreFromJson({ questionnaire: example, period: { stages: { saq: 80, visitation: 20 } }, answers: { answers: S4, adjustments: [PLUS] } });
    expect(none).toEqual({ ok: false, errors: [{ path: 'answers.adjustments[0].points', message: 'the period allows no adjustments (its maxAdjustment is 0)' }] });
    const over = scoreFromJson({ questionnaire: example, period: { ...S5_PERIOD, maxAdjustment: 3 }, answers: { answers: S4, adjustments: [PLUS, PLUS] } });
    expect(over.ok).toBe(false);
    expect(!over.ok && over.errors.map((e) => e.path)).toEqual(['answers.adjustments[1].points']);
    const bad = scoreFromJson({ questionnaire: example, period: { maxAdjustment: -1 }, answers: { answers: S4 } });
    expect(bad).toEqual({ ok: false, errors: [{ path: 'period.maxAdjustment', message: 'must be between 0 and 100' }] });
  });
});

describe('kip-monev score with adjustments', () => {
  it('reads adjustments from a.json and maxAdjustment from p.json, and prints them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kip-adjust-'));
    try {
      const file = (name: string, content: unknown) => {
        const path = join(dir, name);
        writeFileSync(path, JSON.stringify(content));
        return path;
      };
      let stdout = '';
      const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
      let code: number;
      try {
        code = await run(['--questionnaire', file('q.json', example), '--answers', file('a.json', { answers: S4, visitation: 85.5, adjustments: [PLUS] }),
          '--period', file('p.json', S5_PERIOD)]);
      } finally {
        out.mockRestore();
      }
      expect(code).toBe(0);
      expect(stdout).toContain('"finalScore": 45.10');
      expect(JSON.parse(stdout)).toMatchObject({ finalScore: 45.1, adjustments: { total: 2, applied: true, baseScore: 43.1 }, band: { code: 'kurang_informatif' } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
