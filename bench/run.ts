// `npm run bench`: every bench/*.bench.ts that exports run(), one after another, figures printed.
// Pass names to run only some: `npm run bench -- jobs schedules`.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(dir).filter((f) => f.endsWith('.bench.ts') && (!only.length || only.some((o) => f.startsWith(o))));
for (const f of files.sort()) {
  const mod = await import(`./${f}`);
  if (typeof mod.run !== 'function') continue;
  console.log(`\n== ${f.replace('.bench.ts', '')}`);
  const t0 = performance.now();
  try {
    const figures = await mod.run();
    for (const [k, v] of Object.entries(figures ?? {})) console.log(`  ${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`);
  } catch (e) {
    console.log(`  failed: ${(e as Error).message}`);
    process.exitCode = 1;
  }
  console.log(`  (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}
