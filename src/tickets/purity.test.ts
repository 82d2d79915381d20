import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
// Rule files of this folder; the store, services, routes, CLI, capability wiring, workspace
// section, intake adapters and job handlers may do I/O.
const IO_FILE = /^(store|service(-[a-z-]+)?|routes|cli|capability|workspace|intake(-[a-z-]+)?|jobs)\.ts$/;
const pure = readdirSync(here).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !IO_FILE.test(f));

const FORBIDDEN: [string, RegExp][] = [
  ['node built-ins', /from ['"]node:/],
  ['the store', /from ['"][^'"]*\/store\//],
  ['the engine', /from ['"][^'"]*\/engine\//],
  ['the API', /from ['"][^'"]*\/api\//],
  ['database drivers', /from ['"](better-sqlite3|pg)['"]/],
  ['the real clock', /Date\.now\(|new Date\(|Temporal\.Now|systemClock/],
  ['randomness', /Math\.random\(|newId\(|newSecret\(/],
];

describe('tickets rules are pure', () => {
  it.each(pure)('TK-1: %s does no I/O and reads no clock', (file) => {
    const src = readFileSync(join(here, file), 'utf8');
    for (const [what, re] of FORBIDDEN) expect(re.test(src), `${file} uses ${what}`).toBe(false);
  });
});
