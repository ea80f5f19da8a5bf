import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { BUYER_GROUP_RULES } from '../src/domain/buyer-group.rules.js';

describe('buyer-group rules', () => {
  it('every rule of the catalogue is broken by at least one decider spec', () => {
    const dir = new URL('.', import.meta.url);
    const specs = readdirSync(dir)
      .filter((file) => file.endsWith('.spec.ts') && file !== 'buyer-group-rules.spec.ts')
      .map((file) => readFileSync(new URL(file, dir), 'utf8'))
      .join('\n');
    const broken = new Set([...specs.matchAll(/thenFails\('DOMAIN_RULE_VIOLATED', '([a-z0-9-]+)'\)/g)].map((match) => match[1]));
    const untested = Object.keys(BUYER_GROUP_RULES).filter((rule) => !broken.has(rule));
    expect(untested).toEqual([]);
    const unknown = [...broken].filter((rule) => !(rule! in BUYER_GROUP_RULES));
    expect(unknown).toEqual([]);
  });
});
