// The contract check (test/helpers/contract.ts) catches drift: fabricated answers held against a
// small fabricated document, each breaking it one way.
import { describe, expect, it } from 'vitest';
import { ContractError, createContract, type Document, type Exchange } from '../helpers/contract.ts';

const problem = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };
const doc: Document = {
  paths: {
    '/api/v1/bodies/{bodyId}': {
      get: {
        operationId: 'getBody',
        responses: {
          200: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Body' } } }, headers: { etag: { schema: { type: 'string' } } } },
          304: { headers: { etag: { schema: { type: 'string' } } } },
          404: { content: problem },
        },
      },
      delete: { operationId: 'deleteBody', responses: { 204: {}, default: { content: problem } } },
    },
    '/api/v1/bodies/import': {
      get: { operationId: 'importTemplate', responses: { 200: { content: { 'text/csv': { schema: { type: 'string' } } } } } },
    },
    '/api/v1/periods/{periodId}/rankings': {
      get: {
        operationId: 'getRankings',
        responses: { 503: { content: problem, headers: { 'retry-after': { schema: { type: 'integer', minimum: 0 } } } } },
      },
    },
  },
  components: {
    schemas: {
      Body: { type: 'object', required: ['id', 'name'], additionalProperties: false, properties: { id: { type: 'string', format: 'uuid' }, name: { type: 'string' } } },
      Problem: { type: 'object', required: ['status', 'title'], properties: { status: { type: 'integer' }, title: { type: 'string' } } },
    },
  },
};

const ID = '0b7f5a8e-3c1d-4f6a-9b2e-5d4c3b2a1f00';
const json = { 'content-type': 'application/json; charset=utf-8' };
const problemType = { 'content-type': 'application/problem+json; charset=utf-8' };
const exchange = (x: Partial<Exchange>): Exchange =>
  ({ method: 'GET', url: `/api/v1/bodies/${ID}`, status: 200, headers: json, body: JSON.stringify({ id: ID, name: 'Dinas Kominfo' }), ...x });

/** The message the check throws for `x`, or null when it passes. */
function refusal(x: Exchange, contract = createContract(doc, 'the test document')): string | null {
  try {
    contract.check(x);
    return null;
  } catch (error) {
    if (error instanceof ContractError) return error.message;
    throw error;
  }
}

describe('the contract check', () => {
  it('passes answers the document allows, and counts them with their operations', () => {
    const contract = createContract(doc);
    const good = [
      exchange({ headers: { ...json, etag: '"3"' } }),
      exchange({ status: 304, headers: { etag: '"3"' }, body: '' }),
      exchange({ status: 404, headers: problemType, body: JSON.stringify({ status: 404, title: 'Not found' }) }),
      exchange({ method: 'DELETE', status: 204, headers: {}, body: '' }),
      // the `default` response covers statuses not listed
      exchange({ method: 'DELETE', status: 409, headers: problemType, body: JSON.stringify({ status: 409, title: 'Conflict' }) }),
      // a static segment wins over {bodyId}; a CSV body is not parsed
      exchange({ url: '/api/v1/bodies/import?x=1', headers: { 'content-type': 'text/csv' }, body: 'a;b\n' }),
      exchange({ url: `/api/v1/periods/${ID}/rankings`, status: 503, headers: { ...problemType, 'retry-after': '5' }, body: JSON.stringify({ status: 503, title: 'Unavailable' }) }),
      // no operation: the not-found handler's problem
      exchange({ url: '/api/v1/nothing-here', status: 404, headers: problemType, body: JSON.stringify({ status: 404, title: 'Not found' }) }),
    ];
    for (const x of good) expect(refusal(x, contract), `${x.method} ${x.url} ${x.status}`).toBeNull();
    // an undocumented route on the named list is let through, uncounted
    expect(refusal(exchange({ url: '/docs/static/index.html', headers: { 'content-type': 'text/html' }, body: '<html>' }), contract)).toBeNull();
    expect(contract.stats).toMatchObject({ validated: good.length, unrouted: 1, exempt: 1, total: 4 });
    expect([...contract.stats.operations].sort()).toEqual(['DELETE /api/v1/bodies/{bodyId}', 'GET /api/v1/bodies/import', 'GET /api/v1/bodies/{bodyId}', 'GET /api/v1/periods/{periodId}/rankings']);
  });

  it('refuses a status the operation does not declare', () => {
    expect(refusal(exchange({ status: 409, headers: problemType, body: '{"status":409,"title":"x"}' })))
      .toMatch(/getBody \(GET \/api\/v1\/bodies\/\{bodyId\}\) answered 409, which the test document does not allow:\n {2}- status 409 is not declared \(declared: 200, 304, 404\)/);
  });

  it('refuses a body that breaks the schema, with Ajv\'s errors, through a $ref into the components', () => {
    const message = refusal(exchange({ body: JSON.stringify({ id: 'not-a-uuid', extra: true }) }));
    expect(message).toContain('answered 200');
    expect(message).toContain('- body must have required property \'name\'');
    expect(message).toContain('- body must NOT have additional properties (extra)');
    expect(message).toContain('- body/id must match format "uuid"');
    expect(refusal(exchange({ body: 'not json' }))).toContain('the body is not JSON');
    expect(refusal(exchange({ status: 404, headers: problemType, body: '{"status":"404"}' }))).toContain('body/status must be integer');
  });

  it('refuses a header the status does not declare, and a value outside its schema', () => {
    expect(refusal(exchange({ headers: { ...json, location: `/api/v1/bodies/${ID}` } }))).toContain('- header location is sent but not declared for 200');
    expect(refusal(exchange({ status: 404, headers: { ...problemType, etag: '"1"' }, body: '{"status":404,"title":"x"}' }))).toContain('header etag is sent but not declared for 404');
    expect(refusal(exchange({ url: `/api/v1/periods/${ID}/rankings`, status: 503, headers: { ...problemType, 'retry-after': 'soon' }, body: '{"status":503,"title":"x"}' })))
      .toContain('- header retry-after: "soon" data must be integer');
  });

  it('refuses an undeclared Content-Type, and a body where none is declared', () => {
    expect(refusal(exchange({ headers: { 'content-type': 'text/csv' }, body: 'a;b' }))).toContain('Content-Type "text/csv" is not declared for 200 (declared: application/json)');
    expect(refusal(exchange({ status: 404, headers: json, body: '{"status":404,"title":"x"}' }))).toContain('Content-Type "application/json" is not declared for 404');
    expect(refusal(exchange({ method: 'DELETE', status: 204, headers: json, body: '{}' }))).toContain('a body (application/json) where the document declares none');
  });

  it('refuses anything but the 404 problem where no operation matches', () => {
    expect(refusal(exchange({ url: '/api/v1/nothing-here' }))).toMatch(/no operation \(GET \/api\/v1\/nothing-here\).*answered 200[^]*must get the 404 problem/);
    expect(refusal(exchange({ method: 'PUT', status: 404, headers: json, body: '{}' }))).toContain('not application/problem+json');
  });
});
