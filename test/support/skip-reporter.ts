// Counts the tests skipped because something they need is missing (see requirements.ts) and closes
// the run with one line saying what and how to enable it. Under `npm test` (test/run.mjs, two
// vitest passes) each pass appends its skips to HOTLINE_TEST_SKIPS and the runner prints the line
// once at the very end; a direct `vitest run` prints it itself.
import { appendFileSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';
import { type Requirement, type Skipped, available, skipSummary } from './requirements.ts';

export default class SkipReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const skipped: Skipped = {};
    for (const module of testModules) {
      for (const test of module.children.allTests('skipped')) {
        const missing = (test.meta().needs ?? []).find((w: Requirement) => !available(w));
        if (missing) (skipped[missing] ??= []).push(`${module.moduleId} > ${test.fullName}`);
      }
    }
    const file = process.env.HOTLINE_TEST_SKIPS;
    if (file) appendFileSync(file, JSON.stringify(skipped) + '\n');
    else {
      const line = skipSummary(skipped);
      if (line) process.stdout.write(`\n${line}\n`);
    }
  }
}
