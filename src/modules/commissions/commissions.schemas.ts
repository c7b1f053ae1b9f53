// TypeBox shapes of commissions (tenants).
import { Type, type Static } from 'typebox';
import { ListQuery, named, Nullable, Timestamp, Uuid } from '../../http/schemas.ts';
import { Password, Username } from '../users/users.schemas.ts';

const LEVELS = ['pusat', 'provinsi', 'kabupaten_kota'] as const;
const Level = Type.Enum([...LEVELS], { description: 'KI Pusat, a KI Provinsi or a KI Kabupaten/Kota', examples: ['provinsi'] });
const Name = Type.String({ minLength: 1, maxLength: 200, examples: ['Komisi Informasi Provinsi Banten'] });
const Region = Type.String({ minLength: 1, maxLength: 200, examples: ['Banten'] });

export const CommissionCreate = named('CommissionCreate', Type.Object({
  name: Name,
  level: Level,
  region: Type.Optional(Nullable(Region)),
  admin: Type.Object({
    username: Username,
    password: Password,
    displayName: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 200, examples: ['Sekretariat KI Banten'] }))),
  }, { additionalProperties: false, description: 'the commission\'s first admin, created in the same transaction' }),
}, {
  additionalProperties: false,
  examples: [{
    name: 'Komisi Informasi Provinsi Banten', level: 'provinsi', region: 'Banten',
    admin: { username: 'admin.ki.banten', password: 'kuda-baterai-staples-benar', displayName: 'Sekretariat KI Banten' },
  }],
}));
export type CommissionCreate = Static<typeof CommissionCreate>;

export const CommissionUpdate = named('CommissionUpdate', Type.Object({
  name: Type.Optional(Name),
  level: Type.Optional(Level),
  region: Type.Optional(Nullable(Region)),
}, { additionalProperties: false, minProperties: 1, examples: [{ name: 'Komisi Informasi Provinsi Banten', region: 'Banten' }] }));
export type CommissionUpdate = Static<typeof CommissionUpdate>;

export const Commission = named('Commission', Type.Object({
  id: Uuid,
  name: Type.String(),
  level: Type.String({ examples: ['provinsi'] }),
  region: Nullable(Type.String()),
  userCount: Type.Integer({ description: 'active users of the commission' }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer(),
}));

export const CommissionCreated = named('CommissionCreated', Type.Object({
  ...Commission.properties,
  admin: Type.Object({ id: Uuid, username: Type.String() }),
}));

export const CommissionParams = Type.Object({ commissionId: Uuid });

export const CommissionListQuery = Type.Object({
  ...ListQuery,
  level: Type.Optional(Level),
}, { additionalProperties: false });
export type CommissionListQuery = Static<typeof CommissionListQuery>;
