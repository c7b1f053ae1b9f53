// A setup file of every test file: after its tests, leaves what the contract check counted where
// contract-report.ts adds it up (nothing when the file made no request).
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, inject } from 'vitest';
import { checked } from './contract.ts';
import type { ContractCount } from './contract-report.ts';

afterAll(() => {
  const stats = checked();
  if (!stats || stats.validated + stats.exempt === 0) return;
  const count: ContractCount = { validated: stats.validated, unrouted: stats.unrouted, exempt: stats.exempt, operations: [...stats.operations] };
  fs.writeFileSync(path.join(inject('contractDir'), `${randomUUID()}.json`), JSON.stringify(count));
});
