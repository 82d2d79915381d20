// A service-level test bench for the helpdesk: a fresh database on one engine, a fake clock, the
// job engine driven by hand, and a small cast (staff and customers of two organisations).
import type { Actor } from '../../src/kernel/actor.ts';
import { FakeClock } from '../../src/kernel/clock.ts';
import { JobEngine } from '../../src/engine/runner.ts';
import { ChangeBus } from '../../src/runtime/bus.ts';
import type { Ctx } from '../../src/runtime/context.ts';
import type { Engine } from '../../src/store/db.ts';
import { openTestDb } from '../../src/store/test-db.ts';
import { only } from '../../src/main/capabilities.ts';
import { buildCtx } from '../../src/main/node.ts';
import type { Database } from '../../src/store/schema.ts';

export const START = '2026-11-23T09:00:00Z'; // a Monday

export interface Kit {
  ctx: Ctx;
  clock: FakeClock;
  as: Record<'admin' | 'manager' | 'engineer' | 'engineer2' | 'rita' | 'ravi' | 'gina', Actor>;
  orgs: { acme: string; globex: string };
  /** Where the database lives, for child processes. */
  url: string;
  close(): Promise<void>;
}

export async function openKit(engine: Engine, start = START): Promise<Kit> {
  const db = await openTestDb(engine);
  const clock = new FakeClock(start);
  const jobs = new JobEngine({ db, clock, nodeId: 'test' });
  const ctx: Ctx = buildCtx({ db, clock, jobs, bus: new ChangeBus('test') }, only('tickets'));
  const now = clock.now().toString();
  const orgs = { acme: 'org-acme', globex: 'org-globex' };
  for (const [id, name] of [[orgs.acme, 'Acme Robotics'], [orgs.globex, 'Globex Cloud']]) {
    await db.kysely.insertInto('organizations').values({ id, name, slug: name.toLowerCase().replace(/ /g, '-'), plan_tier: 'premium', deployment: 'self_managed', created_at: now, updated_at: now }).execute();
  }
  const people: [keyof Kit['as'], Actor['role'], string | null][] = [
    ['admin', 'admin', null], ['manager', 'manager', null], ['engineer', 'engineer', null], ['engineer2', 'engineer', null],
    ['rita', 'customer', orgs.acme], ['ravi', 'customer', orgs.acme], ['gina', 'customer', orgs.globex],
  ];
  const as = {} as Kit['as'];
  for (const [name, role, org] of people) {
    const id = `u-${name}`;
    await db.kysely.insertInto('users').values({ id, email: `${name}@example.com`, name: name[0].toUpperCase() + name.slice(1), role, kind: 'person', time_zone: 'UTC', organization_id: org, active: 1, created_at: now, updated_at: now }).execute();
    as[name] = { kind: 'user', userId: id, role, organizationId: org, name: name[0].toUpperCase() + name.slice(1), via: 'api' };
  }
  return { ctx, clock, as, orgs, url: db.url, close: () => db.close() };
}

export async function count(ctx: Ctx, table: keyof Database): Promise<number> {
  return Number((await ctx.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
}
