// The period lifecycle as pure rules: stage paths, which steps are allowed, their guards and effects,
// and from when advancement is final. The SQL side is covered by periods.test.ts.
import { thrown } from '../helpers/problems.ts';
import { describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/message.ts';
import {
  assertEditable, assertStage, isAdvancementDecided, nextStage, planTransition, refusal, stagePath, STAGES,
  type PathSettings, type Stage,
} from '../../src/modules/periods/index.ts';

const plain: PathSettings = { hasAppeal: false, stages: { saq: 100 } };
const full: PathSettings = { hasAppeal: true, stages: { saq: 70, visitation: 10, presentation: 20 } };
const at = (stage: Stage, settings: PathSettings = plain) => ({ ...settings, stage });

describe('stage paths', () => {
  it('goes through the mandatory stages only when the period has no optional ones', () => {
    expect(stagePath(plain)).toEqual(['draft', 'saq', 'verification', 'deliberation', 'closed']);
  });

  it('adds appeal, visitation and presentation each only when the period has it, in their fixed order', () => {
    expect(stagePath({ ...plain, hasAppeal: true })).toEqual(['draft', 'saq', 'verification', 'appeal', 'deliberation', 'closed']);
    expect(stagePath({ hasAppeal: false, stages: { saq: 80, visitation: 20 } })).toEqual(['draft', 'saq', 'verification', 'visitation', 'deliberation', 'closed']);
    expect(stagePath({ hasAppeal: false, stages: { saq: 70, presentation: 30 } })).toEqual(['draft', 'saq', 'verification', 'presentation', 'deliberation', 'closed']);
    expect(stagePath(full)).toEqual([...STAGES]);
  });

  it('names the next stage, and none once closed', () => {
    expect(nextStage(at('verification'))).toBe('deliberation');
    expect(nextStage(at('verification', full))).toBe('appeal');
    expect(nextStage(at('appeal', full))).toBe('visitation');
    expect(nextStage(at('closed'))).toBeNull();
  });
});

describe('stage checks', () => {
  it('lets an action through in an allowed stage and answers 409 naming the stage otherwise', () => {
    expect(() => assertStage({ stage: 'saq' }, ['saq'], t`Answering`)).not.toThrow();
    const p = thrown(() => assertStage({ stage: 'verification' }, ['saq', 'appeal'], t`Answering`));
    expect(p).toMatchObject({ code: 'wrong_stage', status: 409, extra: { stage: 'verification' } });
    expect(p.message).toBe('Answering is possible only in stage "saq" or "appeal" (the period is in stage "verification")');
  });

  it('keeps scoring settings, year and appeal to draft, and every setting out of a closed period', () => {
    expect(() => assertEditable({ stage: 'draft' }, ['stages', 'year', 'title'])).not.toThrow();
    expect(() => assertEditable({ stage: 'deliberation' }, ['title', 'deadlines', 'evidenceMaxBytes'])).not.toThrow();
    const p = thrown(() => assertEditable({ stage: 'saq' }, ['title', 'appeal', 'bands', 'year']));
    expect(p.message).toBe('Changing bands, year, appeal is possible only in stage "draft" (the period is in stage "saq")');
    expect(thrown(() => assertEditable({ stage: 'closed' }, ['title'])).message).toBe('A closed period is read-only (the period is in stage "closed")');
  });
});

describe('transitions', () => {
  it('moves forward only to the next stage of the path', () => {
    const plan = planTransition(at('verification', full), 'appeal', null);
    expect(plan).toMatchObject({ from: 'verification', to: 'appeal', direction: 'forward', action: 'period.transition', reason: null });
    expect(thrown(() => planTransition(at('verification', full), 'visitation', null)).message)
      .toContain('The next stage is "appeal"; stages cannot be skipped');
    expect(thrown(() => planTransition(at('verification'), 'appeal', null)).message)
      .toContain('This period has no stage "appeal" (its stages: draft → saq → verification → deliberation → closed)');
    expect(thrown(() => planTransition(at('saq'), 'saq', null)).message).toContain('The period is already in stage "saq"');
  });

  it('moves back only to the previous stage, and only with a reason', () => {
    const plan = planTransition(at('deliberation', full), 'presentation', 'Nilai juri belum lengkap');
    expect(plan).toMatchObject({ direction: 'back', action: 'period.transition_back', reason: 'Nilai juri belum lengkap' });
    expect(thrown(() => planTransition(at('deliberation', full), 'visitation', 'x')).message)
      .toContain('Move back one stage at a time; the previous stage is "presentation"');
    const p = thrown(() => planTransition(at('verification'), 'saq', null));
    expect(p).toMatchObject({ code: 'reason_required', status: 422 });
    expect(p.message).toBe('Moving the period back from "verification" to "saq" needs a reason (send "reason" or the X-Audit-Reason header)');
  });

  it('checks for participants, then questionnaires, before the SAQ opens', () => {
    expect(planTransition(at('draft'), 'saq', null).guards).toEqual(['participants', 'categoriesWithoutQuestionnaire']);
  });

  it('checks that nobody answered before going back to draft', () => {
    expect(planTransition(at('saq'), 'draft', 'salah kuesioner').guards).toEqual(['answered']);
  });

  it('has no guards on the other steps', () => {
    for (const [from, to, reason] of [['saq', 'verification', null], ['verification', 'deliberation', null], ['deliberation', 'closed', null], ['closed', 'deliberation', 'r']] as const) {
      expect(planTransition(at(from), to, reason).guards).toEqual([]);
    }
  });

  it('marks who did not submit when the SAQ closes, and gives them the SAQ back when it reopens', () => {
    expect(planTransition(at('saq'), 'verification', null).statusMoves)
      .toEqual([{ from: 'enrolled', to: 'not_submitted', tally: 'markedNotSubmitted' }]);
    expect(planTransition(at('verification'), 'saq', 'dibuka kembali').statusMoves)
      .toEqual([{ from: 'not_submitted', to: 'enrolled', tally: 'reopened' }]);
    expect(planTransition(at('draft'), 'saq', null).statusMoves).toEqual([]);
    expect(planTransition(at('verification'), 'deliberation', null).statusMoves).toEqual([]);
  });

  it('rescores after every step, forward and back', () => {
    const path = stagePath(full);
    for (let i = 0; i + 1 < path.length; i++) {
      expect(planTransition(at(path[i]!, full), path[i + 1]!, null).rescore).toBe(true);
      expect(planTransition(at(path[i + 1]!, full), path[i]!, 'r').rescore).toBe(true);
    }
  });
});

describe('guards', () => {
  it('refuses opening the SAQ without participants', () => {
    expect(refusal('participants', 3, 'draft')).toBeNull();
    const p = refusal('participants', 0, 'draft');
    expect(p).toMatchObject({ code: 'wrong_stage', extra: { stage: 'draft' } });
    expect(p?.message).toBe('Opening the SAQ needs at least one participant; enrol bodies first (the period is in stage "draft")');
  });

  it('refuses opening the SAQ while a participant\'s category has no questionnaire, listing each', () => {
    expect(refusal('categoriesWithoutQuestionnaire', [], 'draft')).toBeNull();
    const missing = [{ id: 'c1', code: 'BUMD', name: 'Badan Usaha Milik Daerah' }, { id: 'c2', code: 'OPD', name: 'Perangkat Daerah' }];
    const p = refusal('categoriesWithoutQuestionnaire', missing, 'draft');
    expect(p).toMatchObject({ code: 'wrong_stage', status: 409, extra: { stage: 'draft', missingCategories: missing } });
    expect(p?.message).toContain('missing for BUMD, OPD (the period is in stage "draft")');
    expect(p?.errors).toEqual([
      { path: 'categories.BUMD', message: 'category "Badan Usaha Milik Daerah" has participants but no questionnaire' },
      { path: 'categories.OPD', message: 'category "Perangkat Daerah" has participants but no questionnaire' },
    ]);
  });

  it('refuses going back to draft once a body has answered', () => {
    expect(refusal('answered', false, 'saq')).toBeNull();
    expect(refusal('answered', true, 'saq')?.message).toContain('Bodies have already answered; the period cannot go back to draft');
  });
});

describe('advancement', () => {
  it('is final only once verification has closed', () => {
    const decided = STAGES.filter(isAdvancementDecided);
    expect(decided).toEqual(['appeal', 'visitation', 'presentation', 'deliberation', 'closed']);
  });
});

describe('evaluation order (docs/scoring.md §5)', () => {
  const stages = { saq: 60, presentation: 20, visitation: 20 };
  // KI Pusat 2025: uji publik (the presentation) first, then visitasi
  const kiPusat: PathSettings = { hasAppeal: false, stages, evaluationOrder: ['presentation', 'visitation'] };
  const provinsi: PathSettings = { hasAppeal: false, stages, evaluationOrder: ['visitation', 'presentation'] };

  it('runs the evaluation stages in the period\'s order, after verification and the appeal window', () => {
    expect(stagePath(kiPusat)).toEqual(['draft', 'saq', 'verification', 'presentation', 'visitation', 'deliberation', 'closed']);
    expect(stagePath({ ...kiPusat, hasAppeal: true })).toEqual(['draft', 'saq', 'verification', 'appeal', 'presentation', 'visitation', 'deliberation', 'closed']);
    expect(stagePath(provinsi)).toEqual(['draft', 'saq', 'verification', 'visitation', 'presentation', 'deliberation', 'closed']);
  });

  it('reads a missing or incomplete order as the default one, and ignores stages the period lacks', () => {
    const path = ['draft', 'saq', 'verification', 'visitation', 'presentation', 'deliberation', 'closed'];
    expect(stagePath({ hasAppeal: false, stages })).toEqual(path);
    expect(stagePath({ hasAppeal: false, stages, evaluationOrder: [] })).toEqual(path);
    expect(stagePath({ hasAppeal: false, stages, evaluationOrder: ['presentation'] }))
      .toEqual(['draft', 'saq', 'verification', 'presentation', 'visitation', 'deliberation', 'closed']);
    expect(stagePath({ hasAppeal: false, stages: { saq: 80, visitation: 20 }, evaluationOrder: ['presentation', 'visitation'] }))
      .toEqual(['draft', 'saq', 'verification', 'visitation', 'deliberation', 'closed']);
  });

  it('steps forward and back along the period\'s order only', () => {
    expect(nextStage(at('verification', kiPusat))).toBe('presentation');
    expect(nextStage(at('presentation', kiPusat))).toBe('visitation');
    expect(nextStage(at('visitation', kiPusat))).toBe('deliberation');
    expect(planTransition(at('verification', kiPusat), 'presentation', null)).toMatchObject({ direction: 'forward', guards: [], statusMoves: [] });
    expect(thrown(() => planTransition(at('verification', kiPusat), 'visitation', null)).message)
      .toBe('The next stage is "presentation"; stages cannot be skipped (draft → saq → verification → presentation → visitation → deliberation → closed) (the period is in stage "verification")');
    expect(thrown(() => planTransition(at('presentation', kiPusat), 'deliberation', null)).message).toContain('The next stage is "visitation"');
    expect(planTransition(at('deliberation', kiPusat), 'visitation', 'nilai visitasi dikoreksi').direction).toBe('back');
    expect(thrown(() => planTransition(at('deliberation', kiPusat), 'presentation', 'x')).message)
      .toContain('Move back one stage at a time; the previous stage is "visitation"');
    expect(planTransition(at('visitation', kiPusat), 'presentation', 'x')).toMatchObject({ direction: 'back', action: 'period.transition_back' });
    // the provinces' order refuses the KI Pusat steps
    expect(thrown(() => planTransition(at('verification', provinsi), 'presentation', null)).message).toContain('The next stage is "visitation"');
  });

  it('decides advancement once, before the first evaluation stage, in either order', () => {
    for (const settings of [kiPusat, provinsi, { ...kiPusat, hasAppeal: true }, { ...provinsi, hasAppeal: true }]) {
      const path = stagePath(settings);
      const first = path.findIndex((s) => s === 'visitation' || s === 'presentation');
      const decided = path.map(isAdvancementDecided);
      // undecided through verification, decided from the stage after it on, never undecided again
      expect(decided).toEqual(path.map((_, i) => i > path.indexOf('verification')));
      expect(decided[first]).toBe(true);
      expect(decided.slice(0, path.indexOf('verification') + 1).every((d) => !d)).toBe(true);
    }
  });

  it('names an evaluation stage with its label when a write is refused in the wrong stage', () => {
    const period = { stage: 'presentation' as const, stageLabels: { presentation: 'Uji Publik' } };
    expect(thrown(() => assertStage(period, ['visitation'], t`Entering a visitation score`)).message)
      .toBe('Entering a visitation score is possible only in stage "visitation" (Visitasi) (the period is in stage "presentation")');
    expect(thrown(() => assertStage({ ...period, stage: 'visitation' }, ['presentation'], t`Entering presentation scores`)).message)
      .toBe('Entering presentation scores is possible only in stage "presentation" (Uji Publik) (the period is in stage "visitation")');
    expect(() => assertStage(period, ['presentation'], t`Entering presentation scores`)).not.toThrow();
  });

  it('lets the order and the labels change only in draft', () => {
    expect(() => assertEditable({ stage: 'draft' }, ['evaluationOrder', 'stageLabels'])).not.toThrow();
    expect(thrown(() => assertEditable({ stage: 'saq' }, ['stageLabels'])).message)
      .toBe('Changing stageLabels is possible only in stage "draft" (the period is in stage "saq")');
    expect(thrown(() => assertEditable({ stage: 'verification' }, ['evaluationOrder'])).code).toBe('wrong_stage');
  });
});

describe('the masa sanggah', () => {
  it('closes only once every appeal is answered: leaving appeal forward checks the open appeals, going back does not', () => {
    expect(planTransition(at('appeal', full), 'visitation', null).guards).toEqual(['openAppeals']);
    expect(planTransition(at('appeal', full), 'verification', 'verifikasi ulang').guards).toEqual([]);
    expect(refusal('openAppeals', [], 'appeal')).toBeNull();
    const open = [{ id: 'a1', participantId: 'p1', bodyId: 'b1', question: '1.1' }, { id: 'a2', participantId: 'p2', bodyId: 'b2', question: '2.3' }];
    const p = refusal('openAppeals', open, 'appeal');
    expect(p).toMatchObject({ code: 'conflict', status: 409, extra: { stage: 'appeal', openAppeals: open } });
    expect(p?.message).toContain('while 2 appeals are open');
    expect(p?.errors?.map((e) => e.path)).toEqual(['appeals.a1', 'appeals.a2']);
  });

  it('appealOn is a draft-only setting', () => {
    expect(() => assertEditable({ stage: 'draft' }, ['appealOn'])).not.toThrow();
    expect(thrown(() => assertEditable({ stage: 'saq' }, ['appealOn'])).code).toBe('wrong_stage');
  });
});
