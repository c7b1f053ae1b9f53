// Setup for every test file: a t`…` Message (src/i18n/message.ts) equals the string of its English
// text, so the tests of pure rules keep asserting what they always asserted — the English a log, the
// CLI and a client without Accept-Language read — whether a value is still a string or a Message.
import { expect } from 'vitest';
import { Message } from '../../src/i18n/message.ts';

expect.addEqualityTesters([
  function messageEqualsEnglish(a: unknown, b: unknown): boolean | undefined {
    if (a instanceof Message && typeof b === 'string') return a.en() === b;
    if (typeof a === 'string' && b instanceof Message) return b.en() === a;
    return undefined;
  },
]);
