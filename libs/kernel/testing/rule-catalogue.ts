import { readFileSync, readdirSync } from 'node:fs';
import { expect } from '@jest/globals';
import type { RuleCatalogue } from '../src/rules.js';

const RAISED = /(?:DomainRuleViolation|broken)\(\s*'([a-z0-9-]+)'/g;
const BROKEN = /thenFails\(\s*'DOMAIN_RULE_VIOLATED',\s*'([a-z0-9-]+)'\)/g;

function idsIn(files: URL[], pattern: RegExp): Set<string> {
  const text = files.map((file) => readFileSync(file, 'utf8')).join('\n');
  return new Set([...text.matchAll(pattern)].map((match) => match[1]!));
}

function filesOf(dir: URL, suffix: string): URL[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith(suffix))
    .map((file) => new URL(file, dir));
}

/**
 * A context's rules catalogue is complete and tested: every rule its domain code raises is in
 * the catalogue, and every rule of the catalogue is broken by at least one decider spec.
 */
export function expectEveryRuleCataloguedAndBroken(catalogue: RuleCatalogue, domainDir: URL, specDir: URL): void {
  const raised = idsIn(filesOf(domainDir, '.ts'), RAISED);
  const broken = idsIn(filesOf(specDir, '.spec.ts'), BROKEN);
  expect([...raised].filter((rule) => !(rule in catalogue))).toEqual([]);
  expect(Object.keys(catalogue).filter((rule) => !broken.has(rule))).toEqual([]);
  expect([...broken].filter((rule) => !(rule in catalogue))).toEqual([]);
}
