// Hotline runs on the Node releases that "engines" in package.json names: 20 (from 20.19), 22
// (from 22.13) and 24. Every installed package must accept each of them, or `npm ci` warns
// EBADENGINE and the package may use what that Node lacks (cookie and content-disposition are held
// to the majors that still support Node 20).
import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const read = (file: string) => JSON.parse(readFileSync(new URL(`../${file}`, import.meta.url), 'utf8'));
const pkg = read('package.json');
const lock = read('package-lock.json') as { packages: Record<string, { engines?: { node?: string } }> };
/** The oldest release of each supported line, and the newest line. */
const SUPPORTED = ['20.19.0', '22.13.0', '24.0.0'];

describe('the Node releases Hotline supports', () => {
  it('"engines" accepts 20.19+, 22.13+ and 24, and not the older releases its tools refuse', () => {
    for (const v of SUPPORTED) expect(semver.satisfies(v, pkg.engines.node), v).toBe(true);
    for (const v of ['18.20.0', '20.18.0', '22.12.0']) expect(semver.satisfies(v, pkg.engines.node), v).toBe(false);
    expect(lock.packages['']!.engines?.node).toBe(pkg.engines.node);
  });

  it('every locked package accepts each of them, so npm ci prints no EBADENGINE on Node 20, 22 or 24', () => {
    const refusals: string[] = [];
    for (const [path, p] of Object.entries(lock.packages)) {
      const range = p.engines?.node;
      if (!path || !range) continue;
      for (const v of SUPPORTED) if (!semver.satisfies(v, range)) refusals.push(`${path.replace(/^.*node_modules\//, '')} (${range}) refuses ${v}`);
    }
    expect(refusals).toEqual([]);
  });
});
