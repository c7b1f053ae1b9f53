// Public bodies (badan publik) of my commission, and their bulk import.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ctx } from '../../http/context.ts';
import { ListOf, NoContent, responses } from '../../http/schemas.ts';
import { uploaded, uploadFirst } from '../../http/uploads.ts';
import { etag } from '../../http/versioning.ts';
import { Body, BodyCreate, BodyListQuery, BodyParams, BodyUpdate, ImportProblem, ImportQuery, ImportResult } from './bodies.schemas.ts';
import { importBodies, readImport, type ImportSheet } from './bodies.import.ts';
import { createBody, deleteBody, getBody, listBodies, updateBody } from './bodies.service.ts';
import { t } from '../../i18n/message.ts';

/** Import files parsed by the route's preHandler, before its unit of work opens a transaction. */
const parsedImports = new WeakMap<FastifyRequest, ImportSheet>();

export default function bodiesRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.deps.database;

  app.get('/bodies', {
    config: { permission: 'bodies:read' },
    schema: {
      operationId: 'listBodies', tags: ['bodies'], summary: 'Public bodies of my commission, by name; search by name, filter by category',
      querystring: BodyListQuery, response: responses({ 200: ListOf(Body) }),
    },
  }, async (request) => listBodies(db, ctx(request), request.query));

  app.post('/bodies', {
    config: { permission: 'bodies:write' },
    schema: { operationId: 'createBody', tags: ['bodies'], summary: 'Register a public body (names are unique ignoring case and accents)', body: BodyCreate, response: responses({ 201: Body }) },
  }, async (request, reply) => {
    const body = await createBody(request.work, request.body);
    reply.code(201).header('etag', etag(body.version)).header('location', `/api/v1/bodies/${body.id}`);
    return body;
  });

  app.post('/bodies/import', {
    config: { permission: 'bodies:write' },
    schema: {
      operationId: 'importBodies', tags: ['bodies'],
      summary: 'Import bodies from a CSV or XLSX file (multipart field "file"): all or nothing',
      description: [
        'The first row holds the headers, in Indonesian or English: `nama`/`name` and `kategori`/`category` (a category code or name) are required;',
        '`email`, `telepon`/`phone`, `website`/`situs`, `wilayah`/`region`, `nama_ppid`/`ppid_name`, `aktif`/`active` (ya/tidak) are optional.',
        'CSV must be UTF-8 (comma, semicolon or tab separated); XLSX reads the first sheet.',
        'Any problem (unknown column, empty or unknown category, bad email, duplicate name in the file or among existing bodies) answers 422 with every error\'s `row` and `column`, and nothing is imported.',
        'A file above the import limit (IMPORT_MAX_BYTES), or an XLSX that unpacks to more than IMPORT_MAX_UNPACKED_BYTES, answers 413;',
        'more rows, columns or characters in a cell than IMPORT_MAX_ROWS, IMPORT_MAX_COLUMNS or IMPORT_MAX_CELL_CHARS allow 422 naming the limit. `?dryRun=true` checks the file without importing.',
      ].join(' '),
      consumes: ['multipart/form-data'],
      querystring: ImportQuery,
      response: responses({ 200: ImportResult, 201: ImportResult, 422: ImportProblem }),
    },
    preHandler: [
      uploadFirst(() => app.deps.config.importMaxBytes, (maxBytes) => t`The file is larger than the import limit of ${maxBytes} bytes (${(maxBytes / 1_048_576).toFixed(1)} MB)`),
      async (request) => {
        const upload = uploaded(request);
        parsedImports.set(request, await readImport({ filename: upload.filename ?? 'upload', buffer: upload.data }, app.deps.config.spreadsheet));
      },
    ],
  }, async (request, reply) => {
    const file = parsedImports.get(request);
    if (!file) throw new Error('the import preHandler did not run');
    const result = await importBodies(request.work, file, { dryRun: request.query.dryRun ?? false });
    reply.code(result.dryRun ? 200 : 201);
    return result;
  });

  app.get('/bodies/:bodyId', {
    config: { permission: 'bodies:read' },
    schema: { operationId: 'getBody', tags: ['bodies'], summary: 'A public body', params: BodyParams, response: responses({ 200: Body }) },
  }, async (request, reply) => {
    const body = await getBody(db, ctx(request), request.params.bodyId);
    return reply.header('etag', etag(body.version)).send(body);
  });

  app.patch('/bodies/:bodyId', {
    config: { permission: 'bodies:write' },
    schema: { operationId: 'updateBody', tags: ['bodies'], summary: 'Change a body (e.g. deactivate it with active: false); honours If-Match', params: BodyParams, body: BodyUpdate, response: responses({ 200: Body }) },
  }, async (request, reply) => {
    const body = await updateBody(request.work, request.params.bodyId, request.body);
    reply.header('etag', etag(body.version));
    return body;
  });

  app.delete('/bodies/:bodyId', {
    config: { permission: 'bodies:write' },
    schema: {
      operationId: 'deleteBody', tags: ['bodies'], summary: 'Delete a body that never took part in a period (409 otherwise: deactivate it instead)',
      params: BodyParams, response: responses({ 204: NoContent }),
    },
  }, async (request, reply) => {
    await deleteBody(request.work, request.params.bodyId);
    reply.code(204);
    return null;
  });
}
