import { defineConfig } from 'vitest/config';

const tz = process.env.TZ ?? 'UTC';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    env: { TZ: tz },
    // The skip reporter closes with what was skipped for lack of Chromium, Alertmanager, swaks or
    // PostgreSQL (test/support/requirements.ts). CI also keeps a machine-readable result per time
    // zone pass, summed into one closing line.
    reporters: ['default', './test/support/skip-reporter.ts', ...(process.env.CI ? ['json'] : [])],
    ...(process.env.CI ? { outputFile: { json: `.ci/out/results-${tz.replace(/\//g, '_')}.json` } } : {}),
  },
});
