// The Indonesian catalogue is complete and has nothing extra: every t`…` message in src/ has an
// entry with the same placeholders, every entry is used, every problem code has an Indonesian
// title, and every validation keyword the API's schemas use has an Indonesian message. A message
// added in English only fails here, naming where it is raised.
import { readFileSync } from 'node:fs';
import type { ErrorObject } from 'ajv';
import { describe, expect, it } from 'vitest';
import { PROBLEM_CODES, problemTitle } from '../../src/http/problems.ts';
import { ajvMessage } from '../../src/i18n/ajv.ts';
import { id } from '../../src/i18n/id.ts';
import { t } from '../../src/i18n/message.ts';
import { sourceKeys } from './source-keys.ts';

const placeholders = (template: string) => [...template.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();
/** Keys of placeholders and punctuation only ('{0} {1}') read the same in both languages. */
const hasWords = (key: string) => /[A-Za-z]/.test(key);
/** Words Indonesian borrows as they are. */
const SAME_IN_BOTH = new Set(['null', 'item', 'Webhook']);

describe('the Indonesian catalogue (src/i18n/id.ts)', () => {
  const used = sourceKeys('src');

  it('finds the messages of the source (the walk itself works)', () => {
    expect(used.length).toBeGreaterThan(400);
    expect(used.map((k) => k.key)).toContain('{0} not found');
    expect(used.map((k) => k.key)).toContain('The header row is not valid: {0}');
  });

  it('has an entry for every t`…` message in src/', () => {
    const missing = used.filter((k) => hasWords(k.key) && id[k.key] === undefined).map((k) => `${k.at}: ${k.key}`);
    expect(missing).toEqual([]);
  });

  it('has no entry that no message uses', () => {
    const keys = new Set(used.map((k) => k.key));
    expect(Object.keys(id).filter((key) => !keys.has(key))).toEqual([]);
  });

  it('keeps the placeholders of each English template, and is not English', () => {
    for (const [en, text] of Object.entries(id)) {
      expect(placeholders(text), en).toEqual(placeholders(en));
      if (!SAME_IN_BOTH.has(en)) expect(text, en).not.toBe(en);
    }
  });

  it('renders a template in either language, values in place and nested messages in the same language', () => {
    const m = t`${t`Period`} not found`;
    expect(m.key).toBe('{0} not found');
    expect([m.en(), m.in('id')]).toEqual(['Period not found', 'Periode tidak ditemukan']);
    const v = t`The resource is at version ${3}; read it again and retry`;
    expect(v.in('id')).toBe('Sumber daya ini berada pada versi 3; baca ulang lalu coba lagi');
  });

  it('gives every problem code an Indonesian title', () => {
    const untitled = PROBLEM_CODES.filter((code) => id[problemTitle(code).key] === undefined);
    expect(untitled).toEqual([]);
  });
});

describe('validation messages (Ajv, localised by ajv-i18n and src/i18n/ajv.ts)', () => {
  /** The keywords Ajv reports errors for (ajv's own, ajv-formats'). */
  const AJV_KEYWORDS = new Set([
    'type', 'enum', 'const', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
    'minLength', 'maxLength', 'pattern', 'format', 'formatMinimum', 'formatMaximum', 'minItems', 'maxItems',
    'uniqueItems', 'contains', 'items', 'additionalItems', 'minProperties', 'maxProperties', 'required',
    'additionalProperties', 'propertyNames', 'dependentRequired', 'dependencies', 'anyOf', 'oneOf', 'not', 'if',
    'unevaluatedProperties', 'unevaluatedItems',
  ]);

  /** Every keyword the API's request and response schemas use, from the published document. */
  function keywordsOfOpenApi(): Set<string> {
    const found = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (node === null || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node)) {
        if (AJV_KEYWORDS.has(key)) found.add(key);
        walk(value);
      }
    };
    walk(JSON.parse(readFileSync('openapi/openapi.json', 'utf8')));
    return found;
  }

  // what Ajv puts in `params` for each keyword, all at once: each message picks what it needs
  const params = {
    limit: 3, comparison: '>=', type: 'string', format: 'date', pattern: '^[A-Z]+$', missingProperty: 'name',
    additionalProperty: 'extra', allowedValues: ['a', 'b'], allowedValue: 'a', multipleOf: 2, i: 1, j: 0,
    passingSchemas: null, failingKeyword: 'then', propertyName: 'x', property: 'a', deps: 'b', depsCount: 1, len: 2,
  };

  it('has an Indonesian message for every keyword the schemas use', () => {
    const keywords = [...keywordsOfOpenApi()];
    expect(keywords).toEqual(expect.arrayContaining(['type', 'required', 'additionalProperties', 'enum', 'minLength', 'maxLength', 'format']));
    for (const keyword of keywords) {
      const error = { keyword, instancePath: '/x', schemaPath: `#/${keyword}`, params, message: `English for ${keyword}` } as ErrorObject;
      const message = ajvMessage(error);
      const indonesian = message.in('id');
      expect(indonesian, keyword).not.toMatch(/harus lulus validasi kata kunci|must|should|English for/);
      expect(indonesian, keyword).not.toMatch(/^\s|\s$/);
      expect(indonesian, keyword).not.toBe(message.en());
    }
  });

  it('names JSON types as a form does, a union too', () => {
    const union = { keyword: 'type', instancePath: '', schemaPath: '', params: { type: 'number,string' }, message: 'must be number,string' } as ErrorObject;
    expect(ajvMessage(union).in('id')).toBe('harus berupa angka atau teks');
    expect(ajvMessage(union).en()).toBe('must be number,string');
  });
});
