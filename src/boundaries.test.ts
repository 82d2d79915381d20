// DESIGN "Seams": one test reads every import of src/ (and web/src/ for cycles) and fails on
// - `internal`: an import into another capability's file other than its face `src/<cap>/index.ts`
//   (kernel, store, engine and runtime are open to all; api, cli and demo go through faces too;
//   src/main/, the composition root, may also read each plug `src/<cap>/capability.ts`);
// - `cycle`: an import that lies on a file-level import cycle, in src/ or in web/src/ (type-only
//   imports included);
// - `io` / `clock`: a pure rule file that imports I/O, or reads the clock or randomness.
// This replaces the per-folder purity tests, and like them runs with the unit suite (src/). The
// checker is test/support/boundaries.ts; the tree holds no violation, and any new one fails.
import { describe, expect, it } from 'vitest';
import {
  checkBoundaries,
  checkGraph,
  countByKind,
  cycleThrough,
  graphOf,
  isPure,
  line,
  type Graph,
  type Violation,
} from '../test/support/boundaries.ts';
import { readTree } from '../test/support/boundaries-files.ts';

const explain = (graph: Graph, v: Violation): string =>
  v.kind === 'cycle' ? `${line(v)}   (${cycleThrough(graph, v.file, v.what).join(' → ')})` : line(v);

describe('DESIGN Seams: the boundary test', () => {
  it('src/ and web/src/ hold no boundary violation', () => {
    const files = readTree();
    const graph = graphOf(files);
    const found = checkGraph(graph);
    const counts = countByKind(found);
    console.log(`boundaries: ${Object.keys(files).length} files; ${found.length} violations (${Object.entries(counts).map(([k, n]) => `${k} ${n}`).join(', ')})`);
    expect(found.map((v) => explain(graph, v)), 'boundary violations (import through the face, break the cycle, move the I/O out of the rule file)').toEqual([]);
  });

  it('knows the pure rule files from the I/O roles', () => {
    for (const f of ['src/paging/page.ts', 'src/paging/escalation.ts', 'src/paging/events-v2.ts', 'src/paging/signing.ts', 'src/paging/silence.ts', 'src/tickets/macro.ts', 'src/emergencies/decision.ts', 'src/notify/channels/sms.ts']) {
      expect(isPure(f), f).toBe(true);
    }
    for (const f of ['src/paging/service.ts', 'src/paging/service-core.ts', 'src/paging/store.ts', 'src/paging/routes.ts', 'src/paging/cli.ts', 'src/paging/jobs.ts', 'src/paging/capability.ts', 'src/paging/index.ts', 'src/tickets/workspace.ts', 'src/notify/channels/adapter-slack.ts', 'src/paging/page.test.ts', 'src/emergencies/fixtures.test-helpers.ts', 'src/kernel/clock.ts', 'src/store/tx.ts', 'src/api/app.ts', 'src/main/node.ts']) {
      expect(isPure(f), f).toBe(false);
    }
    const pure = Object.keys(readTree()).filter(isPure);
    expect(pure.length).toBeGreaterThan(50);
  });
});

// A test of the test: small made-up trees, one of each violation, and a clean one.
const DIRTY: Record<string, string> = {
  'src/kernel/clock.ts': `export const systemClock = { now: () => Temporal.Now.instant() };`,
  'src/store/tx.ts': `export type Tx = { q: 1 };`,
  'src/alpha/index.ts': `export { rule } from './rule.ts';\nexport type { Row } from './store.ts';`,
  'src/alpha/capability.ts': `export const alpha = { name: 'alpha' };`,
  'src/alpha/store.ts': `import type { Tx } from '../store/tx.ts';\nexport interface Row { id: string }\nexport const load = (tx: Tx) => tx;`,
  // A pure file reading the clock; the mention in a comment and a dated constructor are fine.
  'src/alpha/rule.ts': `// never Date.now() here\nexport const rule = (at: string) => new Date(at) < new Date();`,
  // Crossing into another capability's store instead of its face.
  'src/beta/service.ts': `import { load } from '../alpha/store.ts';\nimport { rule } from '../alpha/index.ts';\nexport const s = [load, rule];`,
  // A cycle of two pure files, one side type-only.
  'src/beta/one.ts': `import type { Two } from './two.ts';\nexport type One = { two?: Two };`,
  'src/beta/two.ts': `import type { One } from './one.ts';\nexport type Two = { one?: One };`,
  // A pure file doing I/O.
  'src/beta/files.ts': `import type { Tx } from '../store/tx.ts';\nimport { readFileSync } from 'node:fs';\nimport { createHmac } from 'node:crypto';\nexport const f = (tx: Tx) => [tx, readFileSync, createHmac];`,
  'src/beta/ids.ts': `import { randomUUID } from 'node:crypto';\nexport const id = () => randomUUID() + Math.random();`,
  // An adapter to the outside may use its driver and the clock; a pure file may not import it.
  'src/beta/adapter-mail.ts': `import nodemailer from 'nodemailer';\nexport const send = () => [nodemailer, Date.now()];`,
  'src/beta/mailer.ts': `import { send } from './adapter-mail.ts';\nexport const m = send;`,
  // Another room's test fixtures are for tests only, not for its code.
  'src/alpha/fixtures.test-helpers.ts': `export const sample = { id: 'x' };`,
  'src/beta/sampler.ts': `import { sample } from '../alpha/fixtures.test-helpers.ts';\nexport const s2 = sample;`,
  // A surface reaching inside through a dynamic import.
  'src/cli/main.ts': `export const run = async () => (await import('../alpha/store.ts')).load;`,
  // The composition root may read the plug and the face, not the store.
  'src/main/node.ts': `import { alpha } from '../alpha/capability.ts';\nimport { rule } from '../alpha/index.ts';\nimport type { Row } from '../alpha/store.ts';\nexport const n: [unknown, unknown, Row?] = [alpha, rule];`,
  // The web app's old knot: the navigation imports a page that imports it back.
  'web/src/app/nav.ts': `import { Page } from '../pages/Page.tsx';\nexport interface PageProps { id: string }\nexport const NAV = [Page];`,
  'web/src/pages/Page.tsx': `import type { PageProps } from '../app/nav.ts';\nexport function Page(p: PageProps) { return <div>{p.id}</div>; }`,
};

const CLEAN: Record<string, string> = {
  'src/kernel/clock.ts': `export const systemClock = { now: () => Temporal.Now.instant() };`,
  'src/store/tx.ts': `export type Tx = { q: 1 };`,
  'src/alpha/index.ts': `export { rule } from './rule.ts';\nexport { load } from './store.ts';`,
  'src/alpha/capability.ts': `import { load } from './store.ts';\nexport const alpha = { load };`,
  'src/alpha/store.ts': `import type { Tx } from '../store/tx.ts';\nexport const load = (tx: Tx) => tx;`,
  'src/alpha/rule.ts': `import { createHash } from 'node:crypto';\nexport const rule = (at: Date, s: string) => [new Date(at.getTime() + 1), createHash('sha256').update(s)];`,
  'src/alpha/rule.test.ts': `import { rule } from './rule.ts';\nrule(new Date(), 'x'); Date.now();`,
  'src/alpha/fixtures.test-helpers.ts': `export const at = new Date(0);`,
  // A test may build its situations with another room's test fixtures.
  'src/beta/service.test.ts': `import { at } from '../alpha/fixtures.test-helpers.ts';\nimport { s } from './service.ts';\nexport const t = [at, s];`,
  'src/beta/service.ts': `import { load, rule } from '../alpha/index.ts';\nimport { systemClock } from '../kernel/clock.ts';\nexport const s = [load, rule, systemClock.now(), Date.now()];`,
  'src/beta/index.ts': `export { s } from './service.ts';\nexport { send } from './adapter-mail.ts';`,
  'src/beta/adapter-mail.ts': `import nodemailer from 'nodemailer';\nexport const send = () => [nodemailer, Date.now()];`,
  'src/main/node.ts': `import { alpha } from '../alpha/capability.ts';\nexport const n = [alpha, await import('../beta/index.ts')];`,
  'web/src/app/page-props.ts': `export interface PageProps { id: string }`,
  'web/src/app/nav.ts': `import { Page } from '../pages/Page.tsx';\nexport const NAV = [Page];`,
  'web/src/pages/Page.tsx': `import type { PageProps } from '../app/page-props.ts';\nexport function Page(p: PageProps) { return <div>{p.id}</div>; }`,
};

describe('the boundary checker', () => {
  it('reports a cross-capability internal import, a cycle, a pure file doing I/O and a pure file reading the clock', () => {
    expect(checkBoundaries(DIRTY).map(line)).toEqual([
      'clock src/alpha/rule.ts -> new Date()',
      'clock src/beta/ids.ts -> Math.random()',
      'clock src/beta/ids.ts -> randomUUID()',
      'cycle src/beta/one.ts -> src/beta/two.ts',
      'cycle src/beta/two.ts -> src/beta/one.ts',
      'cycle web/src/app/nav.ts -> web/src/pages/Page.tsx',
      'cycle web/src/pages/Page.tsx -> web/src/app/nav.ts',
      'internal src/beta/sampler.ts -> src/alpha/fixtures.test-helpers.ts',
      'internal src/beta/service.ts -> src/alpha/store.ts',
      'internal src/cli/main.ts -> src/alpha/store.ts',
      'internal src/main/node.ts -> src/alpha/store.ts',
      'io src/beta/files.ts -> node:fs',
      'io src/beta/files.ts -> src/store/tx.ts',
      'io src/beta/mailer.ts -> src/beta/adapter-mail.ts',
    ]);
    expect(cycleThrough(graphOf(DIRTY), 'web/src/app/nav.ts', 'web/src/pages/Page.tsx')).toEqual(['web/src/app/nav.ts', 'web/src/pages/Page.tsx', 'web/src/app/nav.ts']);
  });

  it('reports nothing on a clean tree', () => {
    expect(checkBoundaries(CLEAN)).toEqual([]);
  });

  it('finds a longer cycle and a pure file importing an I/O role of its own capability', () => {
    const tree = {
      ...CLEAN,
      'src/alpha/a.ts': `import { b } from './b';\nexport const a = b;`,
      'src/alpha/b.ts': `export { c as b } from './c.ts';`,
      'src/alpha/c.ts': `import { load } from './store.ts';\nexport const c = (x: typeof import('./a.ts')) => [x, load];`,
    };
    expect(checkBoundaries(tree).map(line)).toEqual([
      'cycle src/alpha/a.ts -> src/alpha/b.ts',
      'cycle src/alpha/b.ts -> src/alpha/c.ts',
      'cycle src/alpha/c.ts -> src/alpha/a.ts',
      'io src/alpha/c.ts -> src/alpha/store.ts',
    ]);
  });
});
