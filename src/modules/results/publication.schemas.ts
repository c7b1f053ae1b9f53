// TypeBox schemas of a result set's publication: how the public sees it (ranked or by kualifikasi)
// and the awards named with it.
import { Type } from 'typebox';
import { named, Nullable, Timestamp, Uuid } from '../../http/schemas.ts';

export const PublicationMode = Type.Union([Type.Literal('ranked'), Type.Literal('qualification')], {
  description: 'ranked (default): the public API shows ranks and final scores; qualification: only bands and statuses '
    + '(rank and finalScore null), as a commission announces by kualifikasi',
});

export const PublishResultSet = named('PublishResultSet', Type.Object({
  decree: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'the decree announcing the results, when it is not the result set\'s own', examples: ['1/KEP/KIP/XII/2025'] })),
  mode: Type.Optional(PublicationMode),
  awards: Type.Optional(Type.Array(Type.Object({
    title: Type.String({ maxLength: 200, description: 'not blank (422)', examples: ['Badan Publik Terbaik Nasional'] }),
    bodyIds: Type.Array(Uuid, { maxItems: 1000, description: 'participants of the period (422 naming body.awards[i].bodyIds[j] otherwise), each once' }),
  }, { additionalProperties: false }), { maxItems: 100 })),
}, {
  additionalProperties: false,
  description: 'every member optional: no body publishes ranked, without decree or awards',
  examples: [{
    mode: 'ranked',
    decree: '010/Kep/KI-Banten/XI/2025',
    awards: [{ title: 'Badan Publik Informatif Terbaik', bodyIds: ['5f2c9a47-3b1e-4d8a-b6c2-9e7f1a3d4c58', 'a81d3e6b-2c4f-4e19-8f5a-7b0c9d2e6f13'] }],
  }],
}));

export const PublishedAward = named('PublishedAward', Type.Object({
  title: Type.String({ examples: ['Badan Publik Terbaik Nasional'] }),
  bodies: Type.Array(Type.Object({ id: Uuid, name: Type.String({ examples: ['Kementerian Keuangan'] }) }), { description: 'in the order the publication named them' }),
}));

export const Publication = named('Publication', Type.Object({
  resultSetId: Uuid,
  periodId: Uuid,
  version: Type.Integer(),
  publishedAt: Timestamp,
  publishedBy: Nullable(Uuid),
  supersedes: Nullable(Type.Integer({ description: 'the version that was public until now' })),
  decree: Nullable(Type.String({ description: 'the decree given with the publication, or null' })),
  mode: PublicationMode,
  awards: Type.Array(PublishedAward),
}));
