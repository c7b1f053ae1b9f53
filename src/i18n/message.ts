// Messages a client reads, in English or Bahasa Indonesia. A message is written once, in English,
// with the `t` tag where it is raised:
//
//   throw new Problem('not_found', t`Period ${id} not found`);
//
// `t` does not render anything: it keeps the English template as the key ('Period {0} not found')
// and the values, and the reply is rendered in the caller's language at the end (http/problems.ts).
// The Indonesian templates live in one catalogue, ./id.ts, keyed by the English template; a test
// (test/i18n/catalogue.test.ts) reads every t`…` in src/ and fails on a key without an entry.
// Pure: no I/O, so scoring/ uses it too (its validation messages reach the API).
import { id } from './id.ts';

export type Lang = 'en' | 'id';
export const LANGS: readonly Lang[] = ['en', 'id'];

const PLACEHOLDER = /\{(\d+)\}/g;

export class Message {
  constructor(readonly key: string, readonly values: readonly unknown[] = []) {}

  /** The text in a language. A value that is itself a message is rendered in the same language. */
  in(lang: Lang): string {
    const template = lang === 'id' ? (id[this.key] ?? this.key) : this.key;
    return template.replace(PLACEHOLDER, (_: string, i: string) => renderValue(this.values[Number(i)], lang));
  }

  en(): string {
    return this.in('en');
  }

  /** Logs, thrown Errors and the CLI read English. */
  toString(): string {
    return this.en();
  }

  toJSON(): string {
    return this.en();
  }
}

function renderValue(value: unknown, lang: Lang): string {
  if (value instanceof Message) return value.in(lang);
  return String(value);
}

/** The tag: t`Period ${id} not found` → Message('Period {0} not found', [id]). */
export function t(strings: TemplateStringsArray, ...values: unknown[]): Message {
  const key = strings.reduce((acc, s, i) => `${acc}{${i - 1}}${s}`);
  return new Message(key, values);
}

/** Messages joined by punctuation that is the same in both languages ('; ' between sentences). */
class Joined extends Message {
  constructor(private readonly parts: readonly Message[], private readonly separator: string) {
    super('', []);
  }
  override in(lang: Lang): string {
    return this.parts.map((m) => m.in(lang)).join(this.separator);
  }
}

export const joined = (parts: readonly Message[], separator = '; '): Message => new Joined(parts, separator);

/**
 * A text that arrives already in both languages (Ajv's messages, localised by ajv-i18n) or from
 * outside in one language only (a parser's or a driver's message): not in the catalogue.
 */
class Texts extends Message {
  constructor(private readonly texts: Record<Lang, string>) {
    super('', []);
  }
  override in(lang: Lang): string {
    return this.texts[lang];
  }
}

export const texts = (byLang: Record<Lang, string>): Message => new Texts(byLang);

/** "a, b or c" / "a, b atau c": a list of words (stage names, codes) as alternatives. */
export function orList(items: readonly (string | Message)[]): Message | string {
  if (items.length < 2) return items[0] ?? '';
  const head = items.slice(0, -1);
  return t`${joined(head.map((i) => (i instanceof Message ? i : t`${i}`)), ', ')} or ${items[items.length - 1]}`;
}
