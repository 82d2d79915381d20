// `npm test`: every test, then the pure rules again in a time zone far from UTC (a half-hour
// offset with daylight saving), then one line naming the tests skipped for lack of Chromium,
// Alertmanager, swaks or PostgreSQL and how to enable them (test/support/requirements.ts).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
const dir = mkdtempSync(join(tmpdir(), 'hotline-test-'));
const skips = join(dir, 'skips.jsonl');

const pass = (args, env = {}) =>
  spawnSync(process.execPath, [vitest, 'run', ...args], { stdio: 'inherit', env: { ...process.env, ...env, HOTLINE_TEST_SKIPS: skips } });

let r = pass([]);
if (r.status === 0) r = pass(['src'], { TZ: 'Australia/Adelaide' });

let merged = {};
try {
  for (const line of readFileSync(skips, 'utf8').split('\n').filter(Boolean)) {
    for (const [what, ids] of Object.entries(JSON.parse(line))) merged[what] = [...(merged[what] ?? []), ...ids];
  }
} catch {
  // no pass got as far as reporting
}
rmSync(dir, { recursive: true, force: true });
// The summary lives in TypeScript beside the checks; tsx is a dependency, so load it through tsx.
const { tsImport } = await import('tsx/esm/api');
const { skipSummary } = await tsImport('./support/requirements.ts', import.meta.url);
const line = skipSummary(merged);
if (line) console.log(`\n${line}`);
process.exit(r.status ?? 1);
