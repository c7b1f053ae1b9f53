// The floor of the benchmark: a bare `node:http` server that answers each measured path with the very
// bytes the API sent for it, from memory (no framework, no auth, no database), beside the bare Fastify
// one (bench/baseline.ts). BASELINE_FIXTURES names a JSON file of { path, contentType, body (base64) }.
import { readFileSync } from 'node:fs';
import http from 'node:http';

const fixtures = JSON.parse(readFileSync(process.env.BASELINE_FIXTURES!, 'utf8')) as { path: string; contentType: string; body: string }[];
const answers = new Map<string, { type: string; bytes: Buffer }>([['/ready', { type: 'application/json; charset=utf-8', bytes: Buffer.from('{"status":"ready"}') }]]);
for (const f of fixtures) answers.set(f.path, { type: f.contentType, bytes: Buffer.from(f.body, 'base64') });

http.createServer((req, res) => {
  const answer = answers.get(req.url ?? '');
  if (!answer) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': answer.type, 'content-length': answer.bytes.length }).end(answer.bytes);
}).listen(Number(process.env.PORT), '127.0.0.1');
