import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { servedSchema } from '../apps/api/src/schema-printer.js';

describe('schema.graphql', () => {
  it('is the schema the API serves (run `npm run schema` after changing the API)', async () => {
    expect(readFileSync('schema.graphql', 'utf8')).toBe(await servedSchema());
  });

  it('holds everything of the GraphQL contract', () => {
    // contract/ is a copy of the shared contract and its checker, so the check runs on any clone.
    const output = execFileSync(process.execPath, ['contract/tools/contract-check.mjs', 'schema.graphql'], { encoding: 'utf8' });
    expect(output).toContain('contract: all present');
  });
});
