// The benchmark's baseline: a bare Fastify server that answers each measured path with the very
// bytes the API sent for it, from memory (no auth, no database). BASELINE_FIXTURES names a JSON file
// of { path, contentType, body (base64) }.
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const fixtures = JSON.parse(readFileSync(process.env.BASELINE_FIXTURES!, 'utf8')) as { path: string; contentType: string; body: string }[];
const app = Fastify({ logger: false });
app.get('/ready', () => ({ status: 'ready' }));
for (const fixture of fixtures) {
  const bytes = Buffer.from(fixture.body, 'base64');
  app.get(fixture.path, (_request, reply) => {
    reply.type(fixture.contentType).send(bytes);
  });
}
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
