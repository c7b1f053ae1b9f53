// Evidence storage on S3-compatible object storage, against a small in-process S3 stand-in (no
// network service needed): signed path-style requests, binary round trips, errors, and the whole
// upload/download path of the API when S3_BUCKET is configured.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3BlobStore } from '../../src/storage/blob-store.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { call, client, expectStatus } from '../helpers/client.ts';
import { createTenant } from '../helpers/fixtures.ts';
import { pdf } from '../helpers/multipart.ts';
import { arrangeMonev, evidenceUrl, moveTo } from './helpers.ts';

interface Seen { method: string; url: string; headers: http.IncomingHttpHeaders; body: Buffer }

const objects = new Map<string, Buffer>();
const seen: Seen[] = [];
let failNext = 0;
let server: http.Server;
let endpoint: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      if (!String(req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 ')) {
        res.writeHead(403).end('<Error><Code>AccessDenied</Code></Error>');
        return;
      }
      if (failNext > 0) {
        failNext--;
        res.writeHead(403).end('<Error><Code>SignatureDoesNotMatch</Code></Error>');
        return;
      }
      const key = decodeURIComponent(req.url!.split('?')[0]!);
      if (req.method === 'PUT') {
        objects.set(key, body);
        res.writeHead(200, { etag: '"x"' }).end();
      } else if (req.method === 'GET') {
        const found = objects.get(key);
        if (found) res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(found);
        else res.writeHead(404).end('<Error><Code>NoSuchKey</Code></Error>');
      } else if (req.method === 'DELETE') {
        objects.delete(key);
        res.writeHead(204).end();
      } else res.writeHead(405).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const settings = () => ({ endpoint, region: 'ap-southeast-3', bucket: 'bukti-dukung', accessKeyId: 'AKIDKIPMONEV', secretAccessKey: 'secret-key-for-tests' });

describe('S3BlobStore', () => {
  it('puts and gets binary objects with signed path-style requests', async () => {
    const store = new S3BlobStore(settings(), { retries: 0 });
    const data = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x00, 0xff, 0x10]);
    await store.put('evidence/c1/f1', data);
    const put = seen.at(-1)!;
    expect(put.method).toBe('PUT');
    expect(put.url).toBe('/bukti-dukung/evidence/c1/f1');
    expect(put.body.equals(data)).toBe(true);
    expect(put.headers['x-amz-content-sha256']).toBe(createHash('sha256').update(data).digest('hex'));
    expect(put.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDKIPMONEV\/\d{8}\/ap-southeast-3\/s3\/aws4_request, SignedHeaders=[a-z0-9;-]*x-amz-content-sha256[a-z0-9;-]*, Signature=[0-9a-f]{64}$/,
    );
    expect((await store.get('evidence/c1/f1')).equals(data)).toBe(true);
    await store.delete('evidence/c1/f1');
    await store.delete('evidence/c1/f1');
    await expect(store.get('evidence/c1/f1')).rejects.toThrow(/HTTP 404/);
  });

  it('reports refused requests as errors', async () => {
    const store = new S3BlobStore(settings(), { retries: 0 });
    failNext = 1;
    await expect(store.put('evidence/c1/f2', Buffer.from('x'))).rejects.toThrow(/HTTP 403.*SignatureDoesNotMatch/);
  });
});

describe('evidence through the API on object storage', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      S3_BUCKET: 'bukti-dukung', S3_ENDPOINT: endpoint, S3_REGION: 'ap-southeast-3',
      S3_ACCESS_KEY_ID: 'AKIDKIPMONEV', S3_SECRET_ACCESS_KEY: 'secret-key-for-tests',
    });
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  it('stores uploads in the bucket and serves them back', async () => {
    const tenant = await createTenant(t.app);
    const monev = await arrangeMonev(t.app, tenant);
    await moveTo(client(t.app, tenant.users.admin.token), monev.periodId, 'saq');
    const content = pdf(700);
    const file = expectStatus(await client(t.app, tenant.users.respondent.token).upload(evidenceUrl(monev.periodId, tenant.bodyId), 'dip.pdf', content), 201).json();
    const key = `/bukti-dukung/evidence/${tenant.commissionId}/${file.id}`;
    expect(objects.get(key)?.equals(content)).toBe(true);
    const download = await call(t.app, tenant.users.viewer.token, { method: 'GET', url: file.downloadUrl });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(content)).toBe(true);
  });
});
