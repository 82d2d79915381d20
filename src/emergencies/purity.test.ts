// The emergency rules are pure: no I/O, no clock, no randomness, no other capability's internals.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dir = dirname(fileURLToPath(import.meta.url));
// Services, storage, routes, CLI and wiring do I/O by design; only rule files are checked.
const NOT_RULES = /^(store|service.*|routes.*|cli.*|capability|jobs|workspace|apply-decision)\.ts$/;
const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !NOT_RULES.test(f));
const FORBIDDEN = [/from ['"]node:/, /from ['"](fs|net|http|https|child_process)['"]/, /Date\.now\(/, /new Date\(/, /Math\.random\(/, /Temporal\.Now/, /from ['"]\.\.\/(store|engine|api|paging|tickets|people|schedules|notify)\//];

describe('DESIGN: emergency rule files are pure', () => {
  it.each(files)('%s imports no I/O and reads no clock', (f) => {
    const src = readFileSync(join(dir, f), 'utf8');
    for (const re of FORBIDDEN) expect(src, `${f} matches ${re}`).not.toMatch(re);
  });

  it('the index exports every rule file', () => {
    const index = readFileSync(join(dir, 'index.ts'), 'utf8');
    for (const f of files.filter((x) => x !== 'index.ts' && !x.includes('test-helpers'))) expect(index).toContain(`./${f}`);
  });
});
