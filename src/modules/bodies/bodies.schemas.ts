// TypeBox schemas of public bodies (badan publik) and their import.
import { Type, type Static } from 'typebox';
import { named, Nullable, Timestamp, Uuid } from '../../http/schemas.ts';

const Website = Type.String({ maxLength: 500, pattern: '^https?://\\S+$', description: 'http(s) URL', examples: ['https://ppid.bantenprov.go.id'] });
const Email = Type.String({ maxLength: 254, format: 'email', examples: ['ppid@bantenprov.go.id'] });
const Phone = Type.String({ maxLength: 50, pattern: '^[0-9+()\\-. /]*$', examples: ['(0254) 267024'] });

const contactFields = {
  ppidName: Type.Optional(Nullable(Type.String({ maxLength: 200, description: 'the PPID (information officer) to contact', examples: ['Sekretaris Dinas Kominfo'] }))),
  email: Type.Optional(Nullable(Email)),
  phone: Type.Optional(Nullable(Phone)),
  website: Type.Optional(Nullable(Website)),
  region: Type.Optional(Nullable(Type.String({ maxLength: 200, examples: ['Kota Serang'] }))),
};

export const BodyCreate = named('BodyCreate', Type.Object({
  name: Type.String({ minLength: 1, maxLength: 300, examples: ['Dinas Komunikasi, Informatika, Statistik dan Persandian'] }),
  categoryId: Uuid,
  ...contactFields,
  active: Type.Optional(Type.Boolean({ default: true })),
}, {
  additionalProperties: false,
  examples: [{
    name: 'Dinas Komunikasi dan Informatika Provinsi Banten', categoryId: '0b5e8c1e-7d0a-4c53-9a3e-2f1a9f0c1d11',
    ppidName: 'Sekretaris Dinas Kominfo', email: 'ppid.diskominfo@bantenprov.go.id', phone: '(0254) 267024',
    website: 'https://diskominfo.bantenprov.go.id', region: 'Kota Serang',
  }],
}));
export type BodyCreate = Static<typeof BodyCreate>;

export const BodyUpdate = named('BodyUpdate', Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
  categoryId: Type.Optional(Uuid),
  ...contactFields,
  active: Type.Optional(Type.Boolean({ description: 'false to deactivate a body (e.g. one that took part in a period and so cannot be deleted)' })),
}, { additionalProperties: false, minProperties: 1, examples: [{ ppidName: 'Kepala Bidang Informasi dan Komunikasi Publik', phone: '(0254) 267024' }] }));
export type BodyUpdate = Static<typeof BodyUpdate>;

export const Body = named('Body', Type.Object({
  id: Uuid,
  name: Type.String(),
  categoryId: Uuid,
  ppidName: Nullable(Type.String()),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  website: Nullable(Type.String()),
  region: Nullable(Type.String()),
  active: Type.Boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer(),
}));

export const BodyParams = Type.Object({ bodyId: Uuid });
export const BodyListQuery = Type.Object({
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'part of the name, case- and accent-insensitive', examples: ['kominfo'] })),
  categoryId: Type.Optional(Uuid),
  active: Type.Optional(Type.Boolean()),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  cursor: Type.Optional(Type.String()),
}, { additionalProperties: false });
export type BodyListQuery = Static<typeof BodyListQuery>;

export const ImportQuery = Type.Object({
  dryRun: Type.Optional(Type.Boolean({ default: false, description: 'check the file and report what would be created, without creating anything' })),
}, { additionalProperties: false });

export const ImportResult = named('ImportResult', Type.Object({
  dryRun: Type.Boolean(),
  format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]),
  rows: Type.Integer({ description: 'data rows read' }),
  created: Type.Integer({ description: 'bodies created (0 on a dry run)' }),
  columns: Type.Record(Type.String(), Type.String(), { description: 'header in the file → field it was read as', examples: [{ nama: 'name', kategori: 'category' }] }),
  bodies: Type.Array(Type.Object({ row: Type.Integer(), id: Nullable(Uuid), name: Type.String(), categoryId: Uuid }), { description: 'what was (or would be) created, by row' }),
}));

export { ImportProblem } from '../../http/schemas.ts';
