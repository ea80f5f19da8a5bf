/**
 * The scale benchmark's smoke test: `npm run bench`'s harness, on tiny data sets and one second
 * per row, produces every row of its table (reads at two sizes against the bare server,
 * `{ __typename }`, declareNeed against raw FULL transactions, rebuild and verification against
 * raw read-all, the server's memory). No thresholds: speed lives in BENCHMARKS.md.
 */
import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApiChild } from './support/api-process.js';

describe('npm run bench: the scale harness', () => {
  it('prints every row of the table with its ratio', async () => {
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-scale-smoke-'));
    try {
      buildApiChild(outDir, ['bench']);
      const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
        const child = spawn(process.execPath, [path.join(outDir, 'bench', 'scale.bench.js')], {
          env: { ...process.env, NODE_OPTIONS: '', BENCH_SCALE_SMALL: '20', BENCH_SCALE_LARGE: '60', BENCH_SCALE_SECONDS: '1', BENCH_SCALE_WRITE: '0' },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      });
      expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr }).toEqual({ code: 0, stderr: '' });
      const rows = run.stdout.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| what') && !line.startsWith('| ---'));
      const cells = rows.map((line) => line.split('|').map((cell) => cell.trim()));
      const row = (pattern: RegExp) => {
        const found = cells.find((c) => pattern.test(c[1]!));
        if (!found) throw new Error(`no row ${pattern} in:\n${run.stdout}`);
        return found;
      };
      const ratio = /^\d+\.\d\d×/;
      expect(row(/^needs\(first: 50\), 2\d needs/)[5]).toMatch(ratio);
      expect(row(/^needs\(first: 50\), [\d,]+ needs$/)[5]).toMatch(/^\d+\.\d\d×; p50 \d+\.\d\d× the small set’s$/);
      expect(cells.filter((c) => /^… bare `node:http`/.test(c[1]!))).toHaveLength(3);
      expect(row(/^`\{ __typename \}`$/)[5]).toMatch(ratio);
      expect(row(/^declareNeed, 16 concurrent clients/)[5]).toMatch(ratio);
      expect(row(/^raw better-sqlite3: single-row transactions at synchronous=FULL/)[5]).toBe('baseline');
      expect(row(/^projections rebuild, [\d,]+ events$/)[5]).toMatch(ratio);
      expect(row(/^audit verify .*, [\d,]+ events$/)[5]).toMatch(ratio);
      expect(row(/^raw read-all/)[5]).toBe('baseline');
      expect(row(/^API server resident memory holding \d+ needs/)[2]).toMatch(/^\d+ MB$/);
      for (const c of cells) expect(c[2]).toMatch(/^[\d,]+( events\/s| MB)?$/);
    } finally {
      fs.rmSync(outDir, { recursive: true, force: true });
    }
  }, 300_000);
});
