// Enforced deadlines as a pure rule: after deadlines.saq / deadlines.appeal a body's writes are
// refused with deadline_passed, unless its extension runs later. The API side: test/assessments/masa-sanggah.test.ts.
import { thrown } from '../helpers/problems.ts';
import { describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/message.ts';
import { assertBeforeDeadline, effectiveDeadline } from '../../src/modules/periods/index.ts';

const NOW = new Date('2025-09-20T00:00:00Z');
const period = { deadlines: { saq: '2025-09-19T16:59:59Z', appeal: '2025-10-31T16:59:59Z' } };
const none = { extensionUntil: null };

describe('deadlines', () => {
  it('let writes through before the deadline, and when the period has none', () => {
    expect(() => assertBeforeDeadline(period, none, 'appeal', t`Filing an appeal`, NOW)).not.toThrow();
    expect(() => assertBeforeDeadline({ deadlines: {} }, none, 'saq', t`Answering the SAQ`, NOW)).not.toThrow();
    expect(() => assertBeforeDeadline(period, none, 'saq', t`Answering the SAQ`, new Date('2025-09-19T16:59:59Z'))).not.toThrow();
  });

  it('refuse after it with deadline_passed, the deadline and how to get an extension', () => {
    const p = thrown(() => assertBeforeDeadline(period, none, 'saq', t`Answering the SAQ`, NOW));
    expect(p).toMatchObject({ code: 'deadline_passed', status: 409, extra: { deadline: '2025-09-19T16:59:59.000Z', deadlineOf: 'saq', extensionUntil: null } });
    expect(p.message).toContain('The SAQ closed at 2025-09-19T16:59:59.000Z');
    expect(p.message).toContain('secretariat');
  });

  it('yield to a later extension (DKI 2025: the SAQ extended to 3 and 10 October), not to an earlier one', () => {
    const oct3 = { extensionUntil: new Date('2025-10-03T16:59:59Z') };
    expect(() => assertBeforeDeadline(period, oct3, 'saq', t`Answering the SAQ`, NOW)).not.toThrow();
    const ended = thrown(() => assertBeforeDeadline(period, oct3, 'saq', t`Answering the SAQ`, new Date('2025-10-05T00:00:00Z')));
    expect(ended.extra).toMatchObject({ extensionUntil: '2025-10-03T16:59:59.000Z' });
    expect(ended.message).toContain('extension ended');
    expect(effectiveDeadline(period.deadlines.saq, new Date('2025-09-01T00:00:00Z'))).toEqual(new Date(period.deadlines.saq));
    expect(effectiveDeadline(undefined, oct3.extensionUntil)).toBeNull();
  });
});
