// Reads the tree the boundary checker looks at (every .ts/.tsx file under src/ and web/src/) and
// the committed baseline of the violations that were there before the seams were drawn.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOTS, line, parseBaseline, type Violation } from './boundaries.ts';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BASELINE = join(REPO, 'test', 'boundaries-baseline.txt');

function walk(dir: string, out: Record<string, string>): void {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) out[relative(REPO, p).split('\\').join('/')] = readFileSync(p, 'utf8');
  }
}

export function readTree(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const root of ROOTS) walk(join(REPO, root), files);
  return files;
}

export function readBaseline(): string[] {
  try {
    return parseBaseline(readFileSync(BASELINE, 'utf8'));
  } catch {
    return [];
  }
}

const HEADER = `# Boundary violations that were on main when the boundary test came in (src/boundaries.test.ts).
# One line each: kind, file, and what it imports or reads. This list may only shrink: the test fails on
# a violation not listed here AND on a line listed here that is no longer a violation. After removing
# some, rewrite it with: node --import tsx test/boundaries-baseline.ts
`;

export function writeBaseline(violations: readonly Violation[]): void {
  writeFileSync(BASELINE, HEADER + violations.map(line).join('\n') + (violations.length ? '\n' : ''));
}
