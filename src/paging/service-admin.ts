// Services, escalation policies and maintenance windows (PG-3, PG-7, PG-8 routing keys).
import type { Actor } from '../kernel/actor.ts';
import { conflict, invalid, notFound } from '../kernel/errors.ts';
import { newId } from '../kernel/ids.ts';
import { Temporal } from '../kernel/time.ts';
import { enqueue } from '../engine/jobs.ts';
import { announce, withTx, type Ctx } from '../runtime/context.ts';
import { recordTimeline } from '../store/timeline.ts';
import type { Tx } from '../store/tx.ts';
import { validatePolicy, type EscalationPolicy } from './escalation.ts';
import { endWindowEarly, releaseKey, validateWindow, type MaintenanceWindow } from './silence.ts';
import { JOB_RELEASE } from './service-core.ts';
import {
  findPolicies, findPolicy, findService, findServices, findWindows, insertWindow, newIntegrationKey, updateWindowEnd, upsertPolicy, upsertService, type Service,
} from './store.ts';

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || newId();

export async function listServices(ctx: Ctx, tx?: Tx): Promise<Service[]> {
  return withTx(ctx, tx, (tx) => findServices(tx));
}

export interface ServiceInput {
  id?: string;
  name: string;
  description?: string | null;
  escalationPolicyId?: string | null;
  integrationKey?: string;
}

export async function saveService(ctx: Ctx, actor: Actor, input: ServiceInput, tx?: Tx): Promise<{ service: Service; created: boolean; changed: boolean }> {
  if (!input.name.trim()) throw invalid('service.name_required', 'A service needs a name.');
  if (input.integrationKey !== undefined && !/^[A-Za-z0-9]{32}$/.test(input.integrationKey)) {
    throw invalid('service.bad_integration_key', 'An integration key is 32 letters or digits (the Events API v2 routing key length).');
  }
  return withTx(ctx, tx, async (tx) => {
    const id = input.id ?? slug(input.name);
    const before = (await findService(tx, { id })) ?? (await findService(tx, { name: input.name.trim() }));
    if (input.escalationPolicyId && !(await findPolicy(tx, { id: input.escalationPolicyId }))) {
      throw notFound('policy.not_found', `No escalation policy ${input.escalationPolicyId}; create it first.`);
    }
    const s: Service = {
      id: before?.id ?? id,
      name: input.name.trim(),
      description: input.description === undefined ? (before?.description ?? null) : input.description,
      escalationPolicyId: input.escalationPolicyId === undefined ? (before?.escalationPolicyId ?? null) : input.escalationPolicyId,
      integrationKey: input.integrationKey ?? before?.integrationKey ?? newIntegrationKey(),
    };
    const taken = await findService(tx, { integrationKey: s.integrationKey });
    if (taken && taken.id !== s.id) throw conflict('service.integration_key_taken', `Service "${taken.name}" already uses this integration key.`);
    const changed = !before || JSON.stringify(before) !== JSON.stringify(s);
    if (changed) {
      const now = ctx.clock.now();
      await upsertService(tx, s, now);
      await recordTimeline(tx, now, actor, { subjectType: 'service', subjectId: s.id, action: before ? 'service.updated' : 'service.created', detail: { name: s.name } });
      announce(ctx, tx, { type: 'service.changed', id: s.id });
    }
    return { service: s, created: !before, changed };
  });
}

/** Order-independent comparison, so re-applying the same file reports "unchanged". */
function canon(p: EscalationPolicy): string {
  return JSON.stringify({
    id: p.id, name: p.name, repeat: p.repeat, pageableBy: p.pageableBy ? [...p.pageableBy].sort() : null,
    levels: p.levels.map((l) => ({ delayMinutes: l.delayMinutes, roundRobin: !!l.roundRobin, targets: l.targets.map((t) => ({ type: t.type, id: t.id })) })),
  });
}

export async function listPolicies(ctx: Ctx, tx?: Tx): Promise<EscalationPolicy[]> {
  return withTx(ctx, tx, (tx) => findPolicies(tx));
}

export async function savePolicy(ctx: Ctx, actor: Actor, input: Omit<EscalationPolicy, 'id'> & { id?: string }, tx?: Tx): Promise<{ policy: EscalationPolicy; created: boolean; changed: boolean }> {
  const p: EscalationPolicy = { ...input, id: input.id ?? slug(input.name) };
  if (!p.pageableBy?.length) delete p.pageableBy;
  validatePolicy(p);
  return withTx(ctx, tx, async (tx) => {
    const before = await findPolicy(tx, { id: p.id });
    const sameName = await findPolicy(tx, { name: p.name });
    if (sameName && sameName.id !== p.id) throw conflict('policy.name_taken', `A policy named "${p.name}" already exists.`);
    const changed = !before || canon(before) !== canon(p);
    if (changed) {
      const now = ctx.clock.now();
      await upsertPolicy(tx, p, now);
      await recordTimeline(tx, now, actor, { subjectType: 'escalation_policy', subjectId: p.id, action: before ? 'policy.updated' : 'policy.created', detail: { levels: p.levels.length } });
    }
    return { policy: p, created: !before, changed };
  });
}

export interface WindowInput {
  serviceIds: string[];
  start?: string;
  end?: string;
  minutes?: number;
  reason?: string;
  onEnd?: 'notify' | 'digest';
}

/** PG-7: silence services for a while; pages are still created, their notifications wait. */
export async function createMaintenanceWindow(ctx: Ctx, actor: Actor, input: WindowInput, tx?: Tx): Promise<MaintenanceWindow> {
  const now = ctx.clock.now();
  const parse = (s: string, name: string) => {
    try {
      return Temporal.Instant.from(s);
    } catch {
      throw invalid('silence.bad_instant', `${name} must be an ISO 8601 instant with an offset, like 2026-11-23T22:00:00Z.`);
    }
  };
  const start = input.start ? parse(input.start, 'start') : now;
  const end = input.end ? parse(input.end, 'end') : input.minutes ? start.add({ minutes: input.minutes }) : null;
  if (!end) throw invalid('silence.no_end', 'Give an end instant or a number of minutes.');
  const w: MaintenanceWindow = { id: newId(), serviceIds: [...new Set(input.serviceIds)], start, end, reason: input.reason ?? 'maintenance', createdBy: actor.userId ?? 'system', onEnd: input.onEnd ?? 'notify' };
  validateWindow(w);
  return withTx(ctx, tx, async (tx) => {
    for (const id of w.serviceIds) if (!(await findService(tx, { id }))) throw notFound('service.not_found', `No service ${id}.`);
    await insertWindow(tx, w, now);
    await recordTimeline(tx, now, actor, { subjectType: 'maintenance_window', subjectId: w.id, action: 'maintenance.created', detail: { serviceIds: w.serviceIds, end: w.end.toString() } });
    return w;
  });
}

export async function listMaintenanceWindows(ctx: Ctx, tx?: Tx): Promise<MaintenanceWindow[]> {
  return withTx(ctx, tx, (tx) => findWindows(tx, { endingAfter: ctx.clock.now() }));
}

export async function endMaintenanceWindow(ctx: Ctx, actor: Actor, id: string, tx?: Tx): Promise<MaintenanceWindow> {
  return withTx(ctx, tx, async (tx) => {
    const now = ctx.clock.now();
    const w = (await findWindows(tx)).find((x) => x.id === id);
    if (!w) throw notFound('silence.not_found', `No maintenance window ${id}.`);
    const ended = endWindowEarly(w, now);
    await updateWindowEnd(tx, id, ended.end);
    // held pages are released now rather than at the planned end
    for (const s of w.serviceIds) await enqueue(tx, now, { kind: JOB_RELEASE, runAt: now, key: releaseKey(s), payload: { serviceId: s } });
    await recordTimeline(tx, now, actor, { subjectType: 'maintenance_window', subjectId: id, action: 'maintenance.ended', detail: {} });
    return ended;
  });
}
