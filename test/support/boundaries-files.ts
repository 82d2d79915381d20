// Reads the tree the boundary checker looks at: every .ts/.tsx file under src/ and web/src/.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOTS } from './boundaries.ts';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

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
