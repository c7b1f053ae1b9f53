// The client's generated types are what openapi-typescript makes of the committed OpenAPI document
// (test/foundation checks that document against the routes): a route change without
// `npm run openapi` fails here instead of shipping a client that no longer matches the server.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOCUMENT, generateClientTypes, TYPES } from '../../clients/typescript/generate.ts';

describe('the TypeScript client', () => {
  it(`the committed ${TYPES} is what openapi-typescript generates from ${DOCUMENT} (run \`npm run openapi\`)`, async () => {
    const committed = fs.readFileSync(TYPES, 'utf8');
    const generated = await generateClientTypes(fs.readFileSync(DOCUMENT, 'utf8'));
    expect(committed === generated, `${TYPES} is stale: run \`npm run openapi\` and commit it`).toBe(true);
  });
});
