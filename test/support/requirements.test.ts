// What `npm test` does on a machine with only Node and npm: the tests that need Chromium,
// Alertmanager, swaks or PostgreSQL are skipped and one closing line names them and how to enable
// them; under CI=true none is skipped and each fails on what is missing. Runs the suite's own
// reporter in a child vitest over a fixture file, with every program pointed at a path that does
// not exist, so it behaves the same whatever this machine has installed.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
const config = fileURLToPath(new URL('./fixtures/vitest.fixture.config.ts', import.meta.url));

function runFixture(extra: NodeJS.ProcessEnv) {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // The outer run's CI flag, database and skip log must not leak into the child.
  for (const k of ['CI', 'HOTLINE_TEST_POSTGRES_URL', 'HOTLINE_TEST_SKIPS', 'VITEST', 'VITEST_POOL_ID', 'VITEST_WORKER_ID', 'NODE_ENV']) delete env[k];
  Object.assign(env, {
    HOTLINE_CHROMIUM: '/nonexistent/chromium',
    HOTLINE_ALERTMANAGER: '/nonexistent/prometheus-alertmanager',
    HOTLINE_SWAKS: 'hotline-no-such-swaks',
    NO_COLOR: '1',
    ...extra,
  });
  const r = spawnSync(process.execPath, [vitest, 'run', '--config', config], { env, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

describe('tests that need more than Node and npm', () => {
  it('on a fresh machine they are skipped and one closing line names each with the command that enables it', () => {
    const r = runFixture({});
    expect(r.status, r.out).toBe(0);
    const lines = r.out.split('\n').filter((l) => l.startsWith('skipped:'));
    expect(lines, r.out).toHaveLength(1);
    const line = lines[0]!;
    expect(line).toContain('2 browser tests (no Chromium at /nonexistent/chromium: apt-get install chromium, or set HOTLINE_CHROMIUM)');
    expect(line).toContain('1 Alertmanager test (no Alertmanager at /nonexistent/prometheus-alertmanager: apt-get install prometheus-alertmanager');
    expect(line).toContain('1 swaks test (no hotline-no-such-swaks on PATH: apt-get install swaks');
    expect(line).toContain('the PostgreSQL runs of every database test and 1 PostgreSQL-only test (HOTLINE_TEST_POSTGRES_URL is not set: set it to postgres://');
    expect(r.out).toMatch(/Tests\s+2 passed \| 5 skipped \(7\)/);
  }, 150_000);

  it('under CI=true nothing is skipped: each test fails on what is missing', () => {
    const r = runFixture({ CI: 'true' });
    expect(r.status, r.out).not.toBe(0);
    expect(r.out).not.toMatch(/^skipped:/m);
    expect(r.out).toContain('no Chromium at /nonexistent/chromium');
    expect(r.out).toContain('no Alertmanager at /nonexistent/prometheus-alertmanager');
    expect(r.out).toContain('no hotline-no-such-swaks on PATH');
    expect(r.out).toContain('HOTLINE_TEST_POSTGRES_URL is not set');
    // both browser tests, swaks, Alertmanager, the PostgreSQL-only test and the database test on postgres
    expect(r.out).toMatch(/Tests\s+6 failed \| 2 passed \(8\)/);
  }, 150_000);
});

it('every browser suite says it needs Chromium, so a machine without it skips it instead of failing', () => {
  const dir = new URL('../browser/', import.meta.url);
  const undeclared = readdirSync(dir)
    .filter((f) => f.endsWith('.test.ts'))
    .filter((f) => {
      const text = readFileSync(new URL(f, dir), 'utf8');
      return text.includes('launchBrowser(') && !text.includes("needs('chromium')");
    });
  expect(undeclared).toEqual([]);
});
