// The contract check's count for the whole run (test/helpers/contract.ts). Test files run in worker
// processes, so contract-count.ts writes each file's numbers to the directory made here, and the
// teardown adds them up and prints one line.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { OPENAPI_FILE, type Document } from './contract.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** where each test file leaves its contract counts */
    contractDir: string;
  }
}

/** What one test file checked (written by contract-count.ts). */
export interface ContractCount { validated: number; unrouted: number; exempt: number; operations: string[] }

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);

export default function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kip-contract-'));
  project.provide('contractDir', dir);
  return () => {
    const counts = fs.readdirSync(dir).map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as ContractCount);
    fs.rmSync(dir, { recursive: true, force: true });
    if (counts.length === 0) return;
    const doc = JSON.parse(fs.readFileSync(OPENAPI_FILE, 'utf8')) as Document;
    const total = Object.values(doc.paths).flatMap((item) => Object.keys(item).filter((m) => METHODS.has(m))).length;
    const sum = (k: 'validated' | 'unrouted' | 'exempt') => counts.reduce((n, c) => n + c[k], 0);
    const seen = new Set(counts.flatMap((c) => c.operations));
    console.log(`[contract] ${sum('validated')} responses validated against openapi/openapi.json (${seen.size} operations seen of ${total})`);
    console.log(`[contract] including ${sum('unrouted')} answers to requests no operation matches (each the 404 problem); `
      + `${sum('exempt')} answers of routes left out of the document (UNDOCUMENTED in test/helpers/contract.ts) not checked`);
    const unseen = Object.entries(doc.paths).flatMap(([p, item]) => Object.keys(item).filter((m) => METHODS.has(m)).map((m) => `${m.toUpperCase()} ${p}`)).filter((o) => !seen.has(o));
    if (unseen.length > 0 && unseen.length < 20) console.log(`[contract] operations no test called: ${unseen.join(', ')}`);
  };
}
