// The schedules part of a workspace file: rotations, schedules, rotation groups (one validated
// document), plus overrides and swaps (rows, since people also make them through the API).
// Re-applying the same file changes nothing; export gives back what apply took in.
import { isoUtc } from '../kernel/time.ts';
import { findUsers } from '../people/index.ts';
import { announce } from '../runtime/context.ts';
import { recordTimeline } from '../store/timeline.ts';
import type { ApplyContext, WorkspaceSection } from '../workspace/index.ts';
import { parseSchedulesConfig } from './config.ts';
import type { Override, Swap } from './final-schedule.ts';
import { scheduleMembers } from './schedule.ts';
import {
  DEFINITION_KEYS, DEFINITIONS_ID, EMPTY_DOCUMENT, deleteOverride, deleteSwap, findDefinitions, findEligibility, findOverrides, findSwaps,
  insertOverride, insertSwap, saveDefinitions, upsertEligibility, type DefinitionsDocument,
} from './store.ts';
import { scheduleChanged } from './service-changes.ts';
import { schedulesSchema } from './workspace-schema.ts';

const sameOverride = (a: Override, b: Override) =>
  a.scheduleId === b.scheduleId && a.start.equals(b.start) && a.end.equals(b.end) && (a.user ?? null) === (b.user ?? null) && (a.replaces ?? null) === (b.replaces ?? null) && !!a.shadow === !!b.shadow;

async function apply(a: ApplyContext): Promise<void> {
  const { tx, ctx, actor } = a;
  const now = ctx.clock.now();
  const stored = await findDefinitions(tx);
  const ownsDefinitions = DEFINITION_KEYS.some((k) => a.doc[k] !== undefined);
  const document: DefinitionsDocument = ownsDefinitions
    ? { rotations: (a.doc.rotations as unknown[]) ?? [], schedules: (a.doc.schedules as unknown[]) ?? [], rotation_groups: (a.doc.rotation_groups as unknown[]) ?? [] }
    : stored?.document ?? EMPTY_DOCUMENT;
  const knownUsers = (await findUsers(tx)).map((u) => u.email);
  const parsed = parseSchedulesConfig({ ...document, schedule_overrides: a.doc.schedule_overrides, schedule_swaps: a.doc.schedule_swaps }, { knownUsers });
  let changed = false;

  if (ownsDefinitions) {
    if (stored && JSON.stringify(stored.document) === JSON.stringify(document)) a.count('schedules', 'unchanged');
    else {
      const version = await saveDefinitions(tx, isoUtc(now), document);
      await recordTimeline(tx, now, actor, { subjectType: 'schedules', subjectId: DEFINITIONS_ID, action: stored ? 'schedules.updated' : 'schedules.created', detail: { version, rotations: parsed.rotations.length, schedules: parsed.schedules.length, groups: parsed.groups.length } });
      a.count('schedules', stored ? 'updated' : 'created');
      changed = true;
    }
    // SCH-8: people a reviewed workspace file puts on a rotation are approved by whoever applies it.
    const members = [...new Set(parsed.schedules.flatMap((s) => { const m = scheduleMembers(s); return [...m.users, ...m.shadows]; }))];
    const have = new Set((await findEligibility(tx, members)).map((e) => e.user));
    for (const user of members.filter((m) => !have.has(m))) {
      await upsertEligibility(tx, isoUtc(now), { user, trainingCompletedAt: isoUtc(now), trainingNote: 'named in the workspace file', approvedBy: actor.name ?? 'workspace', approvedAt: isoUtc(now), trainingRecordedBy: actor.userId });
      a.count('rotation_eligibility', 'created');
    }
  }

  const existingOverrides = new Map((await findOverrides(tx)).map((o) => [o.id, o]));
  for (const o of parsed.edits.overrides) {
    const cur = existingOverrides.get(o.id);
    if (cur && sameOverride(cur, o)) { a.count('schedule_overrides', 'unchanged'); continue; }
    if (cur) await deleteOverride(tx, o.id);
    await insertOverride(tx, isoUtc(now), { ...o, source: 'workspace', createdBy: actor.userId });
    await recordTimeline(tx, now, actor, { subjectType: 'schedule', subjectId: o.scheduleId, action: cur ? 'override.updated' : 'override.created', detail: { override: o.id, start: isoUtc(o.start), end: isoUtc(o.end), user: o.user ?? null, replaces: o.replaces ?? null } });
    a.count('schedule_overrides', cur ? 'updated' : 'created');
    changed = true;
  }

  const existingSwaps = new Map((await findSwaps(tx)).map((s) => [s.id, s]));
  for (const s of parsed.edits.swaps as Swap[]) {
    const cur = existingSwaps.get(s.id);
    const same = cur && cur.status === 'accepted' && cur.scheduleId === s.scheduleId && cur.start === isoUtc(s.start) && cur.end === isoUtc(s.end) && cur.requester === s.users[0] && cur.partner === s.users[1];
    if (same) { a.count('schedule_swaps', 'unchanged'); continue; }
    if (cur) await deleteSwap(tx, s.id);
    await insertSwap(tx, isoUtc(now), { id: s.id, scheduleId: s.scheduleId, start: isoUtc(s.start), end: isoUtc(s.end), requester: s.users[0], partner: s.users[1], status: 'accepted', note: null, source: 'workspace' });
    await recordTimeline(tx, now, actor, { subjectType: 'schedule', subjectId: s.scheduleId, action: cur ? 'swap.updated' : 'swap.accepted', detail: { swap: s.id, users: s.users, start: isoUtc(s.start), end: isoUtc(s.end) } });
    a.count('schedule_swaps', cur ? 'updated' : 'created');
    changed = true;
  }

  if (changed) {
    announce(ctx, tx, { type: 'schedule.updated', id: DEFINITIONS_ID });
    await scheduleChanged(ctx, tx);
  }
}

export const schedulesSection: WorkspaceSection = {
  schema: schedulesSchema,
  order: 20,
  apply,
  async export(_ctx, tx) {
    const defs = (await findDefinitions(tx))?.document ?? EMPTY_DOCUMENT;
    const overrides = await findOverrides(tx);
    const swaps = await findSwaps(tx, { status: 'accepted' });
    return {
      ...defs,
      schedule_overrides: overrides.map((o) => ({ id: o.id, schedule: o.scheduleId, start: isoUtc(o.start), end: isoUtc(o.end), ...(o.user ? { user: o.user } : {}), ...(o.replaces ? { replaces: o.replaces } : {}), ...(o.shadow ? { shadow: true } : {}) })),
      schedule_swaps: swaps.map((s) => ({ id: s.id, schedule: s.scheduleId, start: s.start, end: s.end, users: [s.requester, s.partner] })),
    };
  },
};
