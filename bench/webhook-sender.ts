// The webhook benchmark's baseline: a bare Node.js process that POSTs given signed deliveries to a
// receiver, `concurrency` at a time over kept-alive connections, and prints how long that took.
// No database, no claiming, no signing: what the HTTP part of a delivery costs on its own.
//   node --import tsx bench/webhook-sender.ts <fixtures.json>   (fixtures: { url, concurrency, messages: [{ headers, body }] })
import http from 'node:http';
import { readFileSync } from 'node:fs';

const { url, concurrency, messages } = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as {
  url: string; concurrency: number; messages: { headers: Record<string, string>; body: string }[];
};
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

function post(message: { headers: Record<string, string>; body: string }): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, {
      method: 'POST', agent,
      headers: { ...message.headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(message.body)) },
    }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', reject);
    request.end(message.body);
  });
}

let next = 0;
const started = performance.now();
await Promise.all(Array.from({ length: concurrency }, async () => {
  while (next < messages.length) {
    const status = await post(messages[next++]!);
    if (status < 200 || status >= 300) throw new Error(`the receiver answered ${status}`);
  }
}));
console.log(JSON.stringify({ ms: performance.now() - started, messages: messages.length }));
agent.destroy();
