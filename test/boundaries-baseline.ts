// Rewrites test/boundaries-baseline.txt with today's violations: run it after removing some, so the
// baseline shrinks with the work (`node --import tsx test/boundaries-baseline.ts`). It must never be
// used to let a new violation in; review the diff.
import { checkBoundaries, countByKind } from './support/boundaries.ts';
import { readBaseline, readTree, writeBaseline } from './support/boundaries-files.ts';

const before = new Set(readBaseline());
const found = checkBoundaries(readTree());
writeBaseline(found);
const added = found.filter((v) => !before.has(`${v.kind} ${v.file} -> ${v.what}`));
console.log(`boundaries baseline: ${found.length} lines`, countByKind(found));
if (added.length) console.log(`NEW since the last baseline (should be none):\n${added.map((v) => `  ${v.kind} ${v.file} -> ${v.what}`).join('\n')}`);
