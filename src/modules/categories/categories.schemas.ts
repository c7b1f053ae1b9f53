// TypeBox schemas of body categories.
import { Type, type Static } from 'typebox';
import { named, Timestamp, Uuid } from '../../http/schemas.ts';

const Code = Type.String({ minLength: 1, maxLength: 50, pattern: '^[A-Za-z0-9][A-Za-z0-9_.\\-]*$', description: 'short code, unique in my commission (letters, digits, _ . -)', examples: ['OPD'] });
const Name = Type.String({ minLength: 1, maxLength: 200, examples: ['Organisasi Perangkat Daerah'] });

export const CategoryCreate = named('CategoryCreate', Type.Object({ code: Code, name: Name }, { additionalProperties: false, examples: [{ code: 'BUMD', name: 'Badan Usaha Milik Daerah' }] }));
export type CategoryCreate = Static<typeof CategoryCreate>;

export const CategoryUpdate = named('CategoryUpdate', Type.Object({ code: Type.Optional(Code), name: Type.Optional(Name) }, { additionalProperties: false, minProperties: 1, examples: [{ code: 'OPD', name: 'Organisasi Perangkat Daerah' }] }));
export type CategoryUpdate = Static<typeof CategoryUpdate>;

export const Category = named('Category', Type.Object({
  id: Uuid,
  code: Type.String({ examples: ['OPD'] }),
  name: Type.String({ examples: ['Organisasi Perangkat Daerah'] }),
  bodyCount: Type.Integer({ description: 'bodies in this category (active or not)' }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer(),
}));

export const CategoryParams = Type.Object({ categoryId: Uuid });
export const CategoryListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  cursor: Type.Optional(Type.String()),
}, { additionalProperties: false });
