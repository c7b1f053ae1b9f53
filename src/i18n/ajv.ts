// Ajv's validation messages in both languages. Ajv writes the English (kept as it always was, but
// for additionalProperties); ajv-i18n's `id` locale gives the Indonesian. A few of its messages are
// still English or read badly for our schemas: their Indonesian is worded here, as t`…` templates
// whose English key only names them in the catalogue.
import type { ErrorObject } from 'ajv';
import localizeId from 'ajv-i18n/localize/id/index.js';
import { t, texts, type Message } from './message.ts';

/** JSON Schema type names as a reader of the form knows them. */
const TYPE_NAMES: Record<string, Message> = {
  string: t`text`,
  number: t`a number`,
  integer: t`a whole number`,
  boolean: t`true or false`,
  array: t`a list`,
  object: t`an object`,
  null: t`null`,
};

function typeMessage(type: unknown): Message | null {
  const names = String(type).split(',').map((name) => TYPE_NAMES[name]);
  if (names.some((n) => n === undefined)) return null;
  return names.length === 1 ? t`must be ${names[0]}` : t`must be ${names[0]} or ${names[1]}`;
}

/** Our Indonesian wording, where ajv-i18n's is missing or reads badly. */
function ours(e: ErrorObject): Message | null {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'type': return typeMessage(p.type);
    case 'enum': return t`must be one of: ${(p.allowedValues as unknown[] | undefined)?.map(String).join(', ')}`;
    case 'required': return t`is required`;
    case 'unevaluatedProperties': return t`is not an allowed property`;
    default: return null;
  }
}

/** The message of one Ajv error, as it goes into a problem's `errors[].message`. */
export function ajvMessage(e: ErrorObject): Message {
  if (e.keyword === 'additionalProperties') return t`is not an allowed property`;
  const english = e.message ?? 'is invalid';
  const own = ours(e);
  if (own) return texts({ en: english, id: own.in('id') });
  const copy = { ...e };
  localizeId([copy]);
  // ajv-i18n's `id` opens some messages with a space ("␣tidak boleh lebih dari 5 karakter")
  return texts({ en: english, id: (copy.message ?? 'tidak valid').trim() });
}
