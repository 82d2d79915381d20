// Schedule use cases against a real store (both engines), on the demo workspace: who is on call,
// overrides, swaps, SCH-8 eligibility, the paging resolver and the hand-off jobs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../kernel/actor.ts';
import { FakeClock } from '../kernel/clock.ts';
import { Temporal } from '../kernel/time.ts';
import { findUser } from '../people/index.ts';
import { findPendingJob } from '../engine/jobs.ts';
import { readTx } from '../store/tx.ts';
import { listTimeline } from '../store/timeline.ts';
import { testEngines } from '../store/test-db.ts';
import { startTestServer, type TestServer } from '../../test/support/server.ts';
import { handoffKey, reminderKey } from './service-handoff.ts';
import { ownersAt, shadowsAt } from './service-resolver.ts';
import {
  acceptSwap, addRotationMember, approveForOnCall, createOverride, recordTraining, removeOverride, removeSwap, requestSwap, scheduleFinal, scheduleGaps, whoIsOnCall,
} from './service.ts';

const I = (s: string) => Temporal.Instant.from(s);
const ex = (n: string) => `${n}@example.com`;

describe.each(testEngines())('schedules service (%s)', (engine) => {
  let s: TestServer;
  const clock = new FakeClock('2026-11-24T03:00:00Z');
  const who: Record<string, Actor> = {};
  const ids: Record<string, string> = {};
  const ctx = () => s.hotline.ctx;
  const amer = async (at: string) => (await whoIsOnCall(ctx(), { at: I(at), group: 'amer' })).groups[0];
  const actions = async (scheduleId: string) => (await listTimeline(readTx(ctx().db), 'schedule', scheduleId)).map((e) => e.action);

  beforeAll(async () => {
    s = await startTestServer({ demo: true, engine, clock, runJobs: false });
    for (const k of ['alice.nguyen', 'bruno.costa', 'carmen.diaz', 'tara.brooks', 'admin', 'bella.cruz', 'frank.osei', 'cody.lee']) {
      const u = (await findUser(readTx(ctx().db), { email: ex(k) }))!;
      who[k] = { kind: 'user', userId: u.id, role: u.role, organizationId: null, name: u.name, via: 'api' };
      ids[k] = u.id;
    }
  }, 60_000);
  afterAll(async () => s?.close());

  it.each([
    ['SCH-1/2: July 16:30 UTC is 12:30 EDT — AMER 1 alone', '2026-07-14T16:30:00Z', [ex('bruno.costa')], ex('bruno.costa')],
    ['SCH-1/2: July 23:30 UTC is 19:30 EDT — AMER 3 alone', '2026-07-14T23:30:00Z', [ex('frank.osei')], ex('frank.osei')],
    ['SCH-1: December 16:30 UTC is 11:30 EST — before the window, nobody', '2026-12-15T16:30:00Z', [], null],
    ['SCH-1/3: December 23:30 UTC is 18:30 EST — AMER 2 and 3, AMER 3 is DRI', '2026-12-15T23:30:00Z', [ex('dmitri.volkov'), ex('frank.osei')], ex('frank.osei')],
  ])('%s', async (_n, at, owners, dri) => {
    const g = await amer(at);
    expect(g.owners).toEqual(owners);
    expect(g.dri.user).toBe(dri);
  });

  // 1 December 2026, 12:00–13:00 New York: Bruno alone on AMER 1 (the clock stands at 24 November).
  it('SCH-6: an override takes a shift and its removal gives it back, each on the timeline', async () => {
    const o = await createOverride(ctx(), who['tara.brooks'], { schedule: 'amer-1', start: I('2026-12-01T17:00:00Z'), end: I('2026-12-01T18:00:00Z'), user: ex('carmen.diaz'), replaces: ex('bruno.costa') });
    expect((await amer('2026-12-01T17:30:00Z')).owners).toEqual([ex('carmen.diaz')]);
    expect((await amer('2026-12-01T18:30:00Z')).owners).toContain(ex('bruno.costa'));
    await removeOverride(ctx(), who['tara.brooks'], o.id);
    expect((await amer('2026-12-01T17:30:00Z')).owners).toEqual([ex('bruno.costa')]);
    expect(await actions('amer-1')).toEqual(expect.arrayContaining(['override.created', 'override.removed']));
  });

  it('SCH-6: engineers make overrides only for their own time; bad ranges are refused', async () => {
    await expect(createOverride(ctx(), who['alice.nguyen'], { schedule: 'amer-1', start: I('2026-12-01T17:00:00Z'), end: I('2026-12-01T18:00:00Z'), user: ex('carmen.diaz'), replaces: ex('bruno.costa') })).rejects.toMatchObject({ code: 'schedule.override_not_yours' });
    await expect(createOverride(ctx(), who['alice.nguyen'], { schedule: 'amer-1', start: I('2026-12-01T18:00:00Z'), end: I('2026-12-01T17:00:00Z'), user: ex('alice.nguyen') })).rejects.toMatchObject({ code: 'schedule.bad_range' });
    await expect(createOverride(ctx(), who['alice.nguyen'], { schedule: 'nope', start: I('2026-12-01T17:00:00Z'), end: I('2026-12-01T18:00:00Z'), user: ex('alice.nguyen') })).rejects.toMatchObject({ code: 'schedule.not_found' });
    const mine = await createOverride(ctx(), who['alice.nguyen'], { schedule: 'amer-1', start: I('2026-12-01T17:00:00Z'), end: I('2026-12-01T18:00:00Z'), user: ex('alice.nguyen'), replaces: ex('bruno.costa') });
    expect((await amer('2026-12-01T17:30:00Z')).owners).toEqual([ex('alice.nguyen')]);
    await removeOverride(ctx(), who['alice.nguyen'], mine.id);
  });

  it('SCH-6: an override cannot start in the past; a start within the clock-skew grace is still now', async () => {
    // the clock stands at 2026-11-24T03:00:00Z
    await expect(createOverride(ctx(), who['tara.brooks'], { schedule: 'amer-1', start: I('2026-11-24T02:50:00Z'), end: I('2026-11-24T05:00:00Z'), user: ex('carmen.diaz') }))
      .rejects.toMatchObject({ code: 'schedule.override_starts_in_past', kind: 'invalid', message: expect.stringMatching(/already past.*Start it now or later/) });
    const skewed = await createOverride(ctx(), who['tara.brooks'], { schedule: 'amer-1', start: I('2026-11-24T02:59:00Z'), end: I('2026-11-24T05:00:00Z'), user: ex('carmen.diaz') });
    await removeOverride(ctx(), who['tara.brooks'], skewed.id);
    expect((await actions('amer-1')).filter((a) => a === 'override.created')).toHaveLength(3);
  });

  it('SCH-6: a swap changes nothing until the partner accepts; removing it restores the rotation', async () => {
    const sw = await requestSwap(ctx(), who['bruno.costa'], { schedule: 'amer-1', start: I('2026-07-13T04:00:00Z'), end: I('2026-07-20T04:00:00Z'), with: ex('alice.nguyen') });
    expect(sw.status).toBe('requested');
    expect((await amer('2026-07-14T16:30:00Z')).owners).toEqual([ex('bruno.costa')]);
    await expect(acceptSwap(ctx(), who['carmen.diaz'], sw.id)).rejects.toMatchObject({ code: 'schedule.swap_not_yours' });
    expect((await acceptSwap(ctx(), who['alice.nguyen'], sw.id)).status).toBe('accepted');
    await expect(acceptSwap(ctx(), who['alice.nguyen'], sw.id)).rejects.toMatchObject({ code: 'schedule.swap_decided', kind: 'conflict' });
    expect((await amer('2026-07-14T16:30:00Z')).owners).toEqual([ex('alice.nguyen')]);
    await removeSwap(ctx(), who['bruno.costa'], sw.id);
    expect((await amer('2026-07-14T16:30:00Z')).owners).toEqual([ex('bruno.costa')]);
    expect(await actions('amer-1')).toEqual(expect.arrayContaining(['swap.requested', 'swap.accepted', 'swap.removed']));
  });

  it('SCH-8: joining a rotation needs recorded training and a manager approval', async () => {
    const add = () => addRotationMember(ctx(), who['tara.brooks'], { rotationId: 'amer-1', user: ex('bella.cruz'), from: I('2027-01-04T05:00:00Z') });
    await expect(add()).rejects.toMatchObject({ code: 'schedule.training_missing' });
    await expect(createOverride(ctx(), who['tara.brooks'], { schedule: 'amer-1', start: I('2026-12-01T17:00:00Z'), end: I('2026-12-01T18:00:00Z'), user: ex('bella.cruz') })).rejects.toMatchObject({ code: 'schedule.training_missing' });
    await recordTraining(ctx(), who['bella.cruz'], { user: ex('bella.cruz'), note: 'on-call course 2026-11' });
    await expect(add()).rejects.toMatchObject({ code: 'schedule.approval_missing' });
    await expect(approveForOnCall(ctx(), who['alice.nguyen'], { user: ex('bella.cruz') })).rejects.toMatchObject({ code: 'schedule.managers_only' });
    await approveForOnCall(ctx(), who['tara.brooks'], { user: ex('bella.cruz') });
    await expect(addRotationMember(ctx(), who['alice.nguyen'], { rotationId: 'amer-1', user: ex('bella.cruz') })).rejects.toMatchObject({ code: 'schedule.managers_only' });
    await add();
    // three members from 2027-01-04 on: bella takes a turn within three weeks
    const f = await scheduleFinal(ctx(), 'amer-1', I('2027-01-04T05:00:00Z'), I('2027-01-25T05:00:00Z'));
    expect(new Set(f.entries.map((e) => e.user))).toContain(ex('bella.cruz'));
  });

  it('SCH-9: gaps and single-engineer hours of the AMER group', async () => {
    const r = await scheduleGaps(ctx(), 'amer', 7, I('2026-12-14T05:00:00Z'));
    expect(r.gaps).toEqual([]);
    expect(r.singleEngineer.hours).toBe(14); // first and last hour, seven days
    await expect(scheduleGaps(ctx(), 'amer', 0)).rejects.toMatchObject({ code: 'schedule.bad_days' });
  });

  it('PG/SCH-7: the paging resolver gives owners (ids), never shadows; shadowsAt gives the shadows', async () => {
    // What paging asks the node for a schedule target: the port the schedules plug provides.
    expect(await ctx().ports.scheduleResolver!({ kind: 'rotation_group', ref: 'amer' }, I('2026-07-14T16:30:00Z'), readTx(ctx().db))).toEqual([ids['bruno.costa']]);
    expect(await ownersAt({ kind: 'group_dri', ref: 'amer' }, I('2026-12-15T23:30:00Z'), readTx(ctx().db))).toEqual([ids['frank.osei']]);
    expect(await ownersAt({ kind: 'rotation_group', ref: 'amer' }, I('2026-12-15T23:30:00Z'), readTx(ctx().db))).toHaveLength(2);
    const shadow = { kind: 'schedule' as const, ref: 'customer-emergencies-shadow' };
    expect(await ownersAt(shadow, I('2026-11-24T18:00:00Z'), readTx(ctx().db))).toEqual([]);
    expect(await shadowsAt(shadow, I('2026-11-24T18:00:00Z'), readTx(ctx().db))).toEqual([ids['cody.lee']]);
  });

  it('SCH-10: hand-off jobs for the next 48 h; the reminder fires 30 min before; a late hand-off fires marked late, a late reminder is skipped', async () => {
    const start = I('2026-11-24T17:00:00Z'); // 12:00 EST: AMER 1 comes on
    const end = I('2026-11-24T23:00:00Z'); // 18:00 EST: AMER 1 goes off
    expect(await findPendingJob(readTx(ctx().db), handoffKey('amer-1', start))).toBeDefined();
    expect((await findPendingJob(readTx(ctx().db), reminderKey('amer-1', end)))?.run_at).toMatch(/2026-11-24T22:30/);
    const seen: string[][] = [];
    const off = ctx().events.subscribe('shift.changed', async (_c, _tx, e) => void (e.scheduleId === 'amer-1' && seen.push(e.incoming)));
    clock.set('2026-11-24T17:00:30Z');
    await ctx().jobs.drain();
    expect(seen).toEqual([[ex('alice.nguyen')]]);
    clock.set('2026-11-25T01:00:00Z'); // the node was down from before the 22:30 reminder until after 23:00
    await ctx().jobs.drain();
    off();
    const tl = (await listTimeline(readTx(ctx().db), 'schedule', 'amer-1')).filter((e) => e.action.startsWith('schedule.handoff'));
    const onTime = tl.find((e) => e.detail.at === '2026-11-24T17:00:00.000Z')!;
    expect(onTime).toMatchObject({ action: 'schedule.handoff', detail: { incoming: [ex('alice.nguyen')], late: false } });
    const late = tl.find((e) => e.detail.at === '2026-11-24T23:00:00.000Z')!;
    expect(late).toMatchObject({ action: 'schedule.handoff', detail: { outgoing: [ex('alice.nguyen')], late: true } });
    expect(tl.filter((e) => e.action === 'schedule.handoff_reminder')).toEqual([]);
  });

  it('SCH-10: a schedule change re-arms the hand-offs and cancels the ones that no longer happen', async () => {
    clock.set('2026-11-25T02:00:00Z');
    const o = await createOverride(ctx(), who['tara.brooks'], { schedule: 'amer-1', start: I('2026-11-25T17:00:00Z'), end: I('2026-11-25T20:00:00Z'), user: ex('carmen.diaz'), replaces: ex('alice.nguyen') });
    expect(await findPendingJob(readTx(ctx().db), handoffKey('amer-1', I('2026-11-25T20:00:00Z')))).toBeDefined();
    await removeOverride(ctx(), who['tara.brooks'], o.id);
    expect(await findPendingJob(readTx(ctx().db), handoffKey('amer-1', I('2026-11-25T20:00:00Z')))).toBeUndefined();
    expect(await findPendingJob(readTx(ctx().db), handoffKey('amer-1', I('2026-11-25T17:00:00Z')))).toBeDefined();
  });
});
