// `hotline demo history` on both engines: a month of seeded history for the demo workspace, with the
// counts it reports in the store, some emergencies concurrent, some SLA breaches, the same plan from
// the same seed, and a second run refused.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runHistory } from '../../src/demo/history.ts';
import { planHistory } from '../../src/demo/history-plan.ts';
import { Temporal } from '../../src/kernel/time.ts';
import { openStore } from '../../src/main/server.ts';
import { createTestDatabase, testEngines, type TestDatabase } from '../../src/store/test-db.ts';

const ms = (v: unknown) => Date.parse(v instanceof Date ? v.toISOString() : String(v));
const NOW = Temporal.Instant.from('2026-11-24T15:00:00Z');

describe.each(testEngines())('demo history on %s', (engine) => {
  const dir = mkdtempSync(join(tmpdir(), 'hotline-history-'));
  let pg: TestDatabase | null = null;
  afterAll(async () => {
    if (pg) await pg.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('RP-1/RP-2: --months 1 writes what it reports, with concurrent emergencies and SLA breaches; a second run is refused', async () => {
    pg = engine === 'postgres' ? await createTestDatabase('postgres') : null;
    const where = { databaseUrl: pg?.url, dataDir: pg ? undefined : dir };
    const lines: string[] = [];
    const s = await runHistory({ months: 1, seed: 7, now: NOW, ...where, log: (l) => lines.push(l) });
    expect(lines[0]).toMatch(/^Planned \d+ emergencies/);
    expect(lines.some((l) => /^\[#\] 2026-10: \d+ emergencies/.test(l))).toBe(true);
    expect(s.emergencies).toBeGreaterThan(60);
    expect(s.concurrent).toBeGreaterThan(0);
    expect(s.waitedForManager).toBeGreaterThan(0);

    const db = await openStore(where);
    try {
      const k = db.kysely;
      const count = async (t: 'emergencies' | 'pages' | 'escalations' | 'tickets') => Number((await k.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      expect(await count('emergencies')).toBe(s.emergencies);
      expect(await count('pages')).toBe(s.pages);
      expect(await count('escalations')).toBe(s.escalations);
      expect(await count('tickets')).toBe(s.emergencies + s.tickets);
      const breached = Number((await k.selectFrom('tickets').select((eb) => eb.fn.countAll().as('n')).where('sla_breached_at', 'is not', null).executeTakeFirstOrThrow()).n);
      expect(breached).toBe(s.breached);
      expect(breached).toBeGreaterThan(0);
      // Concurrent: an emergency opened while another of its group was still being handled.
      const es = (await k.selectFrom('emergencies').select(['rotation', 'created_at', 'resolved_at', 'state']).where('state', '!=', 'not_paged').orderBy('created_at').execute())
        .map((e) => ({ g: e.rotation, a: ms(e.created_at), z: e.resolved_at ? ms(e.resolved_at) : Infinity }));
      const overlapping = es.filter((e, i) => es.slice(0, i).some((p) => p.g === e.g && p.z > e.a));
      expect(overlapping.length).toBeGreaterThan(0);
      const owners = await k.selectFrom('emergencies').select('dri_user_id').where('state', '!=', 'not_paged').where('dri_user_id', 'is', null).execute();
      expect(owners).toEqual([]);
    } finally {
      await db.close();
    }

    await expect(runHistory({ months: 1, seed: 7, now: NOW, ...where, log: () => {} })).rejects.toThrow(/already holds a demo history.*fresh one/);
  }, 240_000);
});

describe('demo history plan', () => {
  it('RP-2: the same seed gives the same history; another seed another', () => {
    const from = Date.parse('2026-05-24T00:00:00Z');
    const to = Date.parse('2026-11-24T00:00:00Z');
    const a = planHistory(42, from, to);
    expect(planHistory(42, from, to)).toEqual(a);
    expect(planHistory(43, from, to).emergencies.length).not.toBe(a.emergencies.length);
    // Half a year: hundreds of emergencies, thousands of tickets, weekday afternoons busier than nights.
    expect(a.emergencies.length).toBeGreaterThan(500);
    expect(a.tickets.length).toBeGreaterThan(3000);
    const hour = (ms: number) => new Date(ms).getUTCHours();
    expect(a.emergencies.filter((e) => hour(e.atMs) >= 14 && hour(e.atMs) < 23).length).toBeGreaterThan(a.emergencies.filter((e) => hour(e.atMs) < 7).length * 2);
  });
});
