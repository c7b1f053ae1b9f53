// TypeBox shapes of users: create, update, response, list filters.
import { Type, type Static } from 'typebox';
import { ListQuery, named, Nullable, Timestamp, Uuid } from '../../http/schemas.ts';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './passwords.ts';

/** Commission roles an admin may give; `superadmin` is the platform's and is never created through the API. */
export const COMMISSION_ROLES = ['admin', 'assessor', 'juror', 'respondent', 'viewer'] as const;
export type CommissionRole = (typeof COMMISSION_ROLES)[number];

export const Username = Type.String({
  minLength: 3, maxLength: 100, pattern: '^[A-Za-z0-9][A-Za-z0-9._@-]*$',
  description: 'letters, digits, ".", "_", "@", "-"; stored lower-cased and unique across the platform',
  examples: ['ppid.diskominfo.banten'],
});
export const Password = Type.String({
  minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH,
  description: `${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters, not a commonly used password, not containing the username, `
    + 'not one character or a short pattern repeated nor a simple sequence (else 422 weak_password); no rules on which kinds of '
    + 'characters; stored only as a scrypt hash',
  examples: ['kuda-baterai-staples-benar'],
});
const DisplayName = Type.String({ minLength: 1, maxLength: 200, examples: ['Siti Rahma (PPID Diskominfo)'] });
const RoleSchema = Type.Enum([...COMMISSION_ROLES], { examples: ['respondent'] });

export const UserCreate = named('UserCreate', Type.Object({
  username: Username,
  password: Password,
  role: RoleSchema,
  bodyId: Type.Optional(Nullable(Type.String({ format: 'uuid', description: 'respondents only: the body they answer for (of my commission)' }))),
  displayName: Type.Optional(Nullable(DisplayName)),
}, {
  additionalProperties: false,
  examples: [{
    username: 'ppid.diskominfo', password: 'kuda-baterai-staples-benar', role: 'respondent',
    bodyId: '5f2c9a47-3b1e-4d8a-b6c2-9e7f1a3d4c58', displayName: 'Siti Rahmawati (PPID Diskominfo)',
  }],
}));
export type UserCreate = Static<typeof UserCreate>;

export const UserUpdate = named('UserUpdate', Type.Object({
  password: Type.Optional(Password),
  role: Type.Optional(RoleSchema),
  bodyId: Type.Optional(Nullable(Type.String({ format: 'uuid' }))),
  displayName: Type.Optional(Nullable(DisplayName)),
  active: Type.Optional(Type.Boolean({ description: 'false disables the account: its tokens stop working at once' })),
}, { additionalProperties: false, minProperties: 1, examples: [{ displayName: 'Ahmad Fauzi (PPID Diskominfo)', active: true }] }));
export type UserUpdate = Static<typeof UserUpdate>;

export const User = named('User', Type.Object({
  id: Uuid,
  username: Type.String({ examples: ['ppid.diskominfo.banten'] }),
  displayName: Nullable(Type.String()),
  role: Type.String({ examples: ['respondent'] }),
  bodyId: Nullable(Uuid),
  active: Type.Boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer(),
}));

export const UserParams = Type.Object({ userId: Uuid });

export const UserListQuery = Type.Object({
  ...ListQuery,
  role: Type.Optional(RoleSchema),
  active: Type.Optional(Type.Boolean()),
  bodyId: Type.Optional(Uuid),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'part of the username or display name' })),
}, { additionalProperties: false });
export type UserListQuery = Static<typeof UserListQuery>;
