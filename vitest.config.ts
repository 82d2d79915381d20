import { defineConfig } from 'vitest/config';

const tz = process.env.TZ ?? 'UTC';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    env: { TZ: tz },
    // CI also keeps a machine-readable result per time zone pass, summed into one closing line
    ...(process.env.CI ? { reporters: ['default', 'json'], outputFile: { json: `.ci/out/results-${tz.replace(/\//g, '_')}.json` } } : {}),
  },
});
