// Schedule queries. Rows in, model objects out: the definitions document is re-validated with the
// pure parser on every load, so the store never holds a shape the rules would refuse.
import { instant, isoUtc } from '../kernel/time.ts';
import type { Selectable } from 'kysely';
import type { ScheduleEligibilityTable, ScheduleOverridesTable, ScheduleSwapsTable } from '../store/schema.ts';
import type { Tx } from '../store/tx.ts';
import { parseSchedulesConfig, type SchedulesWorkspace } from './config.ts';
import type { Override, Swap } from './final-schedule.ts';
import type { IcalSpan } from './rotation.ts';

export const DEFINITIONS_ID = 'default';
export const DEFINITION_KEYS = ['rotations', 'schedules', 'rotation_groups'] as const;

export type DefinitionsDocument = { rotations: unknown[]; schedules: unknown[]; rotation_groups: unknown[] };

export interface StoredOverride extends Override {
  note: string | null;
  source: 'workspace' | 'api';
  createdBy: string | null;
  createdAt: string;
}

export type SwapStatus = 'requested' | 'accepted' | 'declined';

export interface StoredSwap {
  id: string;
  scheduleId: string;
  start: string;
  end: string;
  requester: string;
  partner: string;
  status: SwapStatus;
  note: string | null;
  source: 'workspace' | 'api';
  createdAt: string;
  decidedAt: string | null;
}

export interface Eligibility {
  user: string;
  trainingCompletedAt: string | null;
  trainingNote: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
}

export const EMPTY_DOCUMENT: DefinitionsDocument = { rotations: [], schedules: [], rotation_groups: [] };

export async function findDefinitions(tx: Tx): Promise<{ document: DefinitionsDocument; version: number } | undefined> {
  const row = await tx.db.selectFrom('schedule_definitions').selectAll().where('id', '=', DEFINITIONS_ID).executeTakeFirst();
  return row ? { document: JSON.parse(row.document), version: Number(row.version) } : undefined;
}

export async function saveDefinitions(tx: Tx, now: string, document: DefinitionsDocument): Promise<number> {
  const cur = await findDefinitions(tx);
  const version = (cur?.version ?? 0) + 1;
  if (cur) await tx.db.updateTable('schedule_definitions').set({ document: JSON.stringify(document), version, updated_at: now }).where('id', '=', DEFINITIONS_ID).execute();
  else await tx.db.insertInto('schedule_definitions').values({ id: DEFINITIONS_ID, document: JSON.stringify(document), version, updated_at: now }).execute();
  return version;
}

const overrideOf = (r: Selectable<ScheduleOverridesTable>): StoredOverride => ({
  id: r.id,
  scheduleId: r.schedule_id,
  start: instant(asIso(r.start_at)),
  end: instant(asIso(r.end_at)),
  ...(r.user_email ? { user: r.user_email } : {}),
  ...(r.replaces_email ? { replaces: r.replaces_email } : {}),
  ...(Number(r.shadow) ? { shadow: true } : {}),
  note: r.note ?? null,
  source: r.source,
  createdBy: r.created_by ?? null,
  createdAt: asIso(r.created_at),
});

/** PostgreSQL drivers may hand back Date objects; the store speaks ISO strings. */
export function asIso(v: unknown): string {
  return v instanceof Date ? v.toISOString() : String(v);
}

export async function findOverrides(tx: Tx, f: { scheduleId?: string; id?: string } = {}): Promise<StoredOverride[]> {
  let q = tx.db.selectFrom('schedule_overrides').selectAll().orderBy('start_at').orderBy('id');
  if (f.scheduleId) q = q.where('schedule_id', '=', f.scheduleId);
  if (f.id) q = q.where('id', '=', f.id);
  return (await q.execute()).map(overrideOf);
}

export async function insertOverride(tx: Tx, now: string, o: Override & { note?: string | null; source: 'workspace' | 'api'; createdBy?: string | null }): Promise<void> {
  await tx.db
    .insertInto('schedule_overrides')
    .values({ id: o.id, schedule_id: o.scheduleId, start_at: isoUtc(o.start), end_at: isoUtc(o.end), user_email: o.user ?? null, replaces_email: o.replaces ?? null, shadow: o.shadow ? 1 : 0, note: o.note ?? null, source: o.source, created_by: o.createdBy ?? null, created_at: now })
    .execute();
}

export async function deleteOverride(tx: Tx, id: string): Promise<void> {
  await tx.db.deleteFrom('schedule_overrides').where('id', '=', id).execute();
}

const swapOf = (r: Selectable<ScheduleSwapsTable>): StoredSwap => ({
  id: r.id,
  scheduleId: r.schedule_id,
  start: isoUtc(instant(asIso(r.start_at))),
  end: isoUtc(instant(asIso(r.end_at))),
  requester: r.requester_email,
  partner: r.partner_email,
  status: r.status,
  note: r.note ?? null,
  source: r.source,
  createdAt: asIso(r.created_at),
  decidedAt: r.decided_at ? asIso(r.decided_at) : null,
});

export async function findSwaps(tx: Tx, f: { scheduleId?: string; id?: string; status?: SwapStatus } = {}): Promise<StoredSwap[]> {
  let q = tx.db.selectFrom('schedule_swaps').selectAll().orderBy('start_at').orderBy('id');
  if (f.scheduleId) q = q.where('schedule_id', '=', f.scheduleId);
  if (f.id) q = q.where('id', '=', f.id);
  if (f.status) q = q.where('status', '=', f.status);
  return (await q.execute()).map(swapOf);
}

export async function insertSwap(tx: Tx, now: string, s: Omit<StoredSwap, 'createdAt' | 'decidedAt'>): Promise<void> {
  await tx.db
    .insertInto('schedule_swaps')
    .values({ id: s.id, schedule_id: s.scheduleId, start_at: s.start, end_at: s.end, requester_email: s.requester, partner_email: s.partner, status: s.status, note: s.note, source: s.source, created_at: now, decided_at: s.status === 'requested' ? null : now })
    .execute();
}

export async function setSwapStatus(tx: Tx, now: string, id: string, status: SwapStatus): Promise<void> {
  await tx.db.updateTable('schedule_swaps').set({ status, decided_at: now }).where('id', '=', id).execute();
}

export async function deleteSwap(tx: Tx, id: string): Promise<void> {
  await tx.db.deleteFrom('schedule_swaps').where('id', '=', id).execute();
}

export function toSwap(s: StoredSwap): Swap {
  return { id: s.id, scheduleId: s.scheduleId, start: instant(s.start), end: instant(s.end), users: [s.requester, s.partner] };
}

/** Definitions + overrides + accepted swaps, validated: what every question about who is on call reads. */
export async function loadSchedules(tx: Tx): Promise<SchedulesWorkspace & { version: number }> {
  const defs = await findDefinitions(tx);
  const parsed = parseSchedulesConfig(defs?.document ?? EMPTY_DOCUMENT);
  const overrides: Override[] = (await findOverrides(tx)).map(({ note: _n, source: _s, createdBy: _c, createdAt: _a, ...o }) => o);
  const swaps = (await findSwaps(tx, { status: 'accepted' })).map(toSwap);
  const followers = parsed.rotations.filter((r) => r.ical);
  if (followers.length) {
    // the last good copy of each feed, while it is still the feed the rotation names
    const copies = new Map((await findIcalCopies(tx)).map((c) => [c.rotationId, c]));
    for (const r of followers) {
      const c = copies.get(r.id);
      if (c && c.url === r.ical!.url) r.ical!.spans = c.spans;
    }
  }
  return { ...parsed, edits: { overrides, swaps }, version: defs?.version ?? 0 };
}

export interface IcalCopy {
  rotationId: string;
  url: string;
  spans: IcalSpan[];
  fetchedAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
}

export async function findIcalCopies(tx: Tx, rotationId?: string): Promise<IcalCopy[]> {
  let q = tx.db.selectFrom('schedule_ical_copies').selectAll();
  if (rotationId) q = q.where('rotation_id', '=', rotationId);
  return (await q.execute()).map((r) => ({
    rotationId: r.rotation_id,
    url: r.url,
    spans: (JSON.parse(r.spans) as { user: string; start: string; end: string }[]).map((x) => ({ user: x.user, start: Date.parse(x.start), end: Date.parse(x.end) })),
    fetchedAt: r.fetched_at ? isoUtc(instant(asIso(r.fetched_at))) : null,
    lastError: r.last_error ?? null,
    lastErrorAt: r.last_error_at ? isoUtc(instant(asIso(r.last_error_at))) : null,
  }));
}

/** A good read: the copy is replaced and the error cleared. */
export async function saveIcalCopy(tx: Tx, now: string, rotationId: string, url: string, spans: readonly IcalSpan[]): Promise<void> {
  const text = JSON.stringify(spans.map((x) => ({ user: x.user, start: new Date(x.start).toISOString(), end: new Date(x.end).toISOString() })));
  const values = { url, spans: text, fetched_at: now, last_error: null, last_error_at: null, updated_at: now };
  await tx.db.insertInto('schedule_ical_copies').values({ rotation_id: rotationId, ...values }).onConflict((oc) => oc.column('rotation_id').doUpdateSet(values)).execute();
}

/** A failed read: the last good copy stays (a feed never read before keeps an empty one). */
export async function recordIcalError(tx: Tx, now: string, rotationId: string, url: string, error: string): Promise<void> {
  const values = { last_error: error, last_error_at: now, updated_at: now };
  await tx.db.insertInto('schedule_ical_copies').values({ rotation_id: rotationId, url, spans: '[]', fetched_at: null, ...values }).onConflict((oc) => oc.column('rotation_id').doUpdateSet(values)).execute();
}

const eligibilityOf = (r: Selectable<ScheduleEligibilityTable>): Eligibility => ({
  user: r.user_email,
  trainingCompletedAt: r.training_completed_at ? asIso(r.training_completed_at) : null,
  trainingNote: r.training_note ?? null,
  approvedBy: r.approved_by ?? null,
  approvedAt: r.approved_at ? asIso(r.approved_at) : null,
});

export async function findEligibility(tx: Tx, users?: string[]): Promise<Eligibility[]> {
  let q = tx.db.selectFrom('schedule_eligibility').selectAll().orderBy('user_email');
  if (users) q = users.length ? q.where('user_email', 'in', users) : q.where('user_email', '=', '');
  return (await q.execute()).map(eligibilityOf);
}

export async function upsertEligibility(tx: Tx, now: string, e: Eligibility & { trainingRecordedBy?: string | null }): Promise<void> {
  const values = { training_completed_at: e.trainingCompletedAt, training_note: e.trainingNote, training_recorded_by: e.trainingRecordedBy ?? null, approved_by: e.approvedBy, approved_at: e.approvedAt, updated_at: now };
  const exists = await tx.db.selectFrom('schedule_eligibility').select('user_email').where('user_email', '=', e.user).executeTakeFirst();
  if (exists) await tx.db.updateTable('schedule_eligibility').set(values).where('user_email', '=', e.user).execute();
  else await tx.db.insertInto('schedule_eligibility').values({ user_email: e.user, ...values }).execute();
}
