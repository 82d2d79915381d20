// Queries of the escalation tables (SM-1..SM-3, SM-9): the records, the skills directory, the
// escalations' workspace settings and the managers' cover requests. Only the escalation use cases read them.
import { sql, type Selectable, type Updateable } from 'kysely';
import { newId } from '../kernel/ids.ts';
import { containsLike } from '../kernel/like.ts';
import { isoUtc, type Temporal } from '../kernel/time.ts';
import type { CoverRequestsTable, EscalationsTable, UpgradeRequestsTable } from '../store/schema.ts';
import { MemoKey, type Tx } from '../store/tx.ts';
import type { CoverState } from './cover.ts';
import type { FirstResponseSettings } from './first-response.ts';
import type { RedirectSettings } from './redirect.ts';
import type { EscalationKind, EscalationState, Urgency } from './escalation.ts';
import type { SkillLevel } from './skills.ts';
import type { UpgradeFlag, UpgradeSettings } from './upgrade.ts';

export interface EscalationRow {
  id: string;
  number: number;
  kind: EscalationKind;
  ticketId: string | null;
  ticketNumber: number | null;
  title: string;
  need: string;
  businessCase: string;
  urgency: Urgency;
  state: EscalationState;
  channel: string;
  initiatorId: string | null;
  managerId: string | null;
  ownerId: string | null;
  labels: string[];
  reason: string | null;
  createdAt: string;
  acknowledgedAt: string | null;
  assignedAt: string | null;
  closedAt: string | null;
  updatedAt: string;
  version: number;
}

const str = (v: unknown): string | null => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : String(v));

const row = (r: Selectable<EscalationsTable>): EscalationRow => ({
  id: r.id, number: Number(r.number), kind: r.kind, ticketId: r.ticket_id, ticketNumber: r.ticket_number === null ? null : Number(r.ticket_number),
  title: r.title, need: r.need, businessCase: r.business_case, urgency: r.urgency, state: r.state, channel: r.channel,
  initiatorId: r.initiator_user_id, managerId: r.manager_user_id, ownerId: r.owner_user_id, labels: JSON.parse(r.labels) as string[], reason: r.reason,
  createdAt: str(r.created_at)!, acknowledgedAt: str(r.acknowledged_at), assignedAt: str(r.assigned_at), closedAt: str(r.closed_at), updatedAt: str(r.updated_at)!,
  version: Number(r.version),
});

/**
 * Filing reads "is one open for this ticket, which number is next" and then writes: on PostgreSQL
 * two nodes filing at once take turns (SQLite transactions already do).
 */
export async function serialiseFiling(tx: Tx): Promise<void> {
  if (tx.engine === 'postgres') await sql`select pg_advisory_xact_lock(74110013)`.execute(tx.db);
}

export async function nextEscalationNumber(tx: Tx): Promise<number> {
  const r = await tx.db.selectFrom('escalations').select((eb) => eb.fn.max('number').as('m')).executeTakeFirst();
  return Number(r?.m ?? 0) + 1;
}

export async function insertEscalation(tx: Tx, e: Omit<EscalationRow, 'id' | 'version' | 'updatedAt' | 'acknowledgedAt' | 'assignedAt' | 'closedAt' | 'ownerId' | 'labels' | 'reason'>): Promise<EscalationRow> {
  const id = newId();
  await tx.db.insertInto('escalations').values({
    id, number: e.number, kind: e.kind, ticket_id: e.ticketId, ticket_number: e.ticketNumber, title: e.title, need: e.need, business_case: e.businessCase,
    urgency: e.urgency, state: e.state, channel: e.channel, initiator_user_id: e.initiatorId, manager_user_id: e.managerId, owner_user_id: null,
    labels: '[]', reason: null, created_at: e.createdAt, acknowledged_at: null, assigned_at: null, closed_at: null, updated_at: e.createdAt, version: 1,
  }).execute();
  return { ...e, id, version: 1, updatedAt: e.createdAt, acknowledgedAt: null, assignedAt: null, closedAt: null, ownerId: null, labels: [], reason: null };
}

/** The fields a change may set; an absent (undefined) field is left as it is. */
export async function updateEscalation(tx: Tx, id: string, now: Temporal.Instant, p: Partial<Pick<EscalationRow, 'state' | 'managerId' | 'ownerId' | 'labels' | 'reason' | 'acknowledgedAt' | 'assignedAt' | 'closedAt'>>): Promise<void> {
  const set: Updateable<EscalationsTable> = {
    updated_at: isoUtc(now), state: p.state, manager_user_id: p.managerId, owner_user_id: p.ownerId, reason: p.reason,
    labels: p.labels ? JSON.stringify(p.labels) : undefined, acknowledged_at: p.acknowledgedAt, assigned_at: p.assignedAt, closed_at: p.closedAt,
  };
  await tx.db.updateTable('escalations').set(set).set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', id).execute();
}

/** By id or number (`#12` and `12` alike); `forUpdate` serialises changes to one escalation on PostgreSQL. */
export async function findEscalation(tx: Tx, ref: string, forUpdate = false): Promise<EscalationRow | undefined> {
  const r = ref.replace(/^#/, '');
  let q = tx.db.selectFrom('escalations').selectAll();
  q = /^\d+$/.test(r) ? q.where('number', '=', Number(r)) : q.where('id', '=', r);
  if (forUpdate && tx.engine === 'postgres') q = q.forUpdate();
  const found = await q.executeTakeFirst();
  return found ? row(found) : undefined;
}

/** The escalation still open for a ticket, if any (one at a time: SM-1). */
export async function openEscalationOf(tx: Tx, ticketId: string): Promise<EscalationRow | undefined> {
  const r = await tx.db.selectFrom('escalations').selectAll().where('ticket_id', '=', ticketId).where('state', 'in', ['filed', 'acknowledged', 'assigned']).executeTakeFirst();
  return r ? row(r) : undefined;
}

export interface EscalationFilter {
  /** open = filed, acknowledged or assigned; ended = resolved or rejected (RP-3). */
  state?: EscalationState | 'open' | 'ended';
  ticketId?: string;
  limit?: number;
  /** RP-3 history: the person who filed it, the manager on call or the owner. */
  userId?: string;
  /** RP-3 history: escalations about a ticket of this organisation. */
  organizationId?: string;
  /** RP-3 history: filed within [from, to). */
  from?: Temporal.Instant;
  to?: Temporal.Instant;
  /** RP-3 history: words of the title, the need or the business case, or the number. */
  text?: string;
  offset?: number;
}

export async function listEscalations(tx: Tx, f: EscalationFilter = {}): Promise<EscalationRow[]> {
  let q = tx.db.selectFrom('escalations').selectAll().orderBy('number', 'desc');
  if (f.state === 'open') q = q.where('state', 'in', ['filed', 'acknowledged', 'assigned']);
  else if (f.state === 'ended') q = q.where('state', 'in', ['resolved', 'rejected']);
  else if (f.state) q = q.where('state', '=', f.state);
  if (f.ticketId) q = q.where('ticket_id', '=', f.ticketId);
  const userId = f.userId;
  if (userId) q = q.where((eb) => eb.or([eb('initiator_user_id', '=', userId), eb('manager_user_id', '=', userId), eb('owner_user_id', '=', userId)]));
  // An escalation knows its ticket, not the ticket's organisation: ask the tickets table, read only.
  if (f.organizationId) q = q.where('ticket_id', 'in', (eb) => eb.selectFrom('tickets').select('id').where('organization_id', '=', f.organizationId!));
  if (f.from) q = q.where('created_at', '>=', isoUtc(f.from));
  if (f.to) q = q.where('created_at', '<', isoUtc(f.to));
  const text = f.text?.trim();
  if (text) {
    q = q.where((eb) => eb.or([
      ...(['title', 'need', 'business_case'] as const).map((col) => eb(eb.fn('lower', [col]), 'like', containsLike(text))),
      ...(/^#?\d{1,9}$/.test(text) ? [eb('number', '=', Number(text.replace('#', '')))] : []),
    ]));
  }
  return (await q.limit(f.limit ?? 200).offset(f.offset ?? 0).execute()).map(row);
}

// ---- who leads each emergency's call (SM-6)
export interface LeadRow { emergencyId: string; leadUserId: string; since: string }

/** The leads of these emergencies, by emergency id. */
export async function findLeads(tx: Tx, emergencyIds: readonly string[]): Promise<Map<string, LeadRow>> {
  if (!emergencyIds.length) return new Map();
  const rows = await tx.db.selectFrom('emergency_leads').selectAll().where('emergency_id', 'in', [...emergencyIds]).execute();
  return new Map(rows.map((r) => [r.emergency_id, { emergencyId: r.emergency_id, leadUserId: r.lead_user_id, since: str(r.since)! }]));
}

export async function setLead(tx: Tx, emergencyId: string, leadUserId: string, now: Temporal.Instant): Promise<void> {
  await tx.db.deleteFrom('emergency_leads').where('emergency_id', '=', emergencyId).execute();
  await tx.db.insertInto('emergency_leads').values({ emergency_id: emergencyId, lead_user_id: leadUserId, since: isoUtc(now), updated_at: isoUtc(now) }).execute();
}

// ---- the skills directory (SM-2)
export interface SkillRow { userId: string; region: string | null; subjects: Record<string, SkillLevel> }

/** One entry per person, in the directory's order; subjects in the order written. */
export async function listSkills(tx: Tx): Promise<SkillRow[]> {
  const rows = await tx.db.selectFrom('escalation_skills').selectAll().orderBy('position').execute();
  const out: SkillRow[] = [];
  for (const r of rows) {
    let p = out.find((x) => x.userId === r.user_id);
    if (!p) out.push((p = { userId: r.user_id, region: r.region, subjects: {} }));
    p.subjects[r.subject] = r.level;
  }
  return out;
}

/** Replaces the directory; says whether anything changed. */
export async function saveSkills(tx: Tx, people: readonly SkillRow[]): Promise<'created' | 'updated' | 'unchanged'> {
  const before = await listSkills(tx);
  if (JSON.stringify(before) === JSON.stringify(people)) return 'unchanged';
  await tx.db.deleteFrom('escalation_skills').execute();
  const rows = people.flatMap((p) => Object.entries(p.subjects).map(([subject, level]) => ({ user_id: p.userId, subject, level, region: p.region })));
  for (let i = 0; i < rows.length; i += 400) {
    await tx.db.insertInto('escalation_skills').values(rows.slice(i, i + 400).map((r, j) => ({ ...r, position: i + j }))).execute();
  }
  return before.length ? 'updated' : 'created';
}

// ---- the escalations' workspace settings
export interface StoredEscalationSettings { channel?: string; helpChannels?: Record<string, string>; workingHours?: { from: string; to: string }; coverChannel?: string; firstResponse?: FirstResponseSettings; redirect?: Partial<RedirectSettings>; upgrade?: UpgradeSettings }
const NAME = 'workspace';
const SETTINGS = new MemoKey<StoredEscalationSettings | null>('escalations.settings');

export function readEscalationSettings(tx: Tx): Promise<StoredEscalationSettings | null> {
  return tx.memo.once(SETTINGS, async () => {
    const r = await tx.db.selectFrom('escalation_settings').select('value').where('name', '=', NAME).executeTakeFirst();
    return r ? (JSON.parse(r.value) as StoredEscalationSettings) : null;
  });
}

export async function saveEscalationSettings(tx: Tx, s: StoredEscalationSettings, now: Temporal.Instant): Promise<'created' | 'updated' | 'unchanged'> {
  const value = JSON.stringify(s);
  const before = await tx.db.selectFrom('escalation_settings').select('value').where('name', '=', NAME).executeTakeFirst();
  tx.memo.forget(SETTINGS);
  if (before?.value === value) return 'unchanged';
  if (before) await tx.db.updateTable('escalation_settings').set({ value, updated_at: isoUtc(now) }).where('name', '=', NAME).execute();
  else await tx.db.insertInto('escalation_settings').values({ name: NAME, value, updated_at: isoUtc(now) }).execute();
  return before ? 'updated' : 'created';
}

// ---- cover requests (SM-9)
export interface CoverRow {
  id: string;
  number: number;
  scheduleId: string;
  requesterId: string;
  askedId: string | null;
  start: string;
  end: string;
  note: string | null;
  state: CoverState;
  answeredById: string | null;
  answer: string | null;
  overrideId: string | null;
  createdAt: string;
  answeredAt: string | null;
  updatedAt: string;
}

const coverRow = (r: Selectable<CoverRequestsTable>): CoverRow => ({
  id: r.id, number: Number(r.number), scheduleId: r.schedule_id, requesterId: r.requester_user_id, askedId: r.asked_user_id,
  start: str(r.starts_at)!, end: str(r.ends_at)!, note: r.note, state: r.state, answeredById: r.answered_by_user_id, answer: r.answer,
  overrideId: r.override_id, createdAt: str(r.created_at)!, answeredAt: str(r.answered_at), updatedAt: str(r.updated_at)!,
});

/** Two requests at once on PostgreSQL take turns for the next number (SQLite transactions already do). */
export async function nextCoverNumber(tx: Tx): Promise<number> {
  if (tx.engine === 'postgres') await sql`select pg_advisory_xact_lock(74110009)`.execute(tx.db);
  const r = await tx.db.selectFrom('cover_requests').select((eb) => eb.fn.max('number').as('m')).executeTakeFirst();
  return Number(r?.m ?? 0) + 1;
}

export async function insertCover(tx: Tx, c: Pick<CoverRow, 'number' | 'scheduleId' | 'requesterId' | 'askedId' | 'start' | 'end' | 'note' | 'createdAt'>): Promise<CoverRow> {
  const id = newId();
  await tx.db.insertInto('cover_requests').values({
    id, number: c.number, schedule_id: c.scheduleId, requester_user_id: c.requesterId, asked_user_id: c.askedId, starts_at: c.start, ends_at: c.end,
    note: c.note, state: 'open', answered_by_user_id: null, answer: null, override_id: null, created_at: c.createdAt, answered_at: null, updated_at: c.createdAt,
  }).execute();
  return (await findCover(tx, id))!;
}

/** By id or number (`#3` and `3` alike); `forUpdate` makes two answers at once take turns on PostgreSQL. */
export async function findCover(tx: Tx, ref: string, forUpdate = false): Promise<CoverRow | undefined> {
  const r = ref.replace(/^#/, '');
  let q = tx.db.selectFrom('cover_requests').selectAll();
  q = /^\d+$/.test(r) ? q.where('number', '=', Number(r)) : q.where('id', '=', r);
  if (forUpdate && tx.engine === 'postgres') q = q.forUpdate();
  const found = await q.executeTakeFirst();
  return found ? coverRow(found) : undefined;
}

/**
 * Moves an OPEN request on; false when it was no longer open (another answer or the expiry got
 * there first), so exactly one of two answers at once wins.
 */
export async function answerCover(tx: Tx, id: string, p: { state: CoverState; answeredById: string | null; answer?: string | null; overrideId?: string | null; at: string }): Promise<boolean> {
  const set: Updateable<CoverRequestsTable> = { state: p.state, answered_by_user_id: p.answeredById, answer: p.answer ?? null, override_id: p.overrideId ?? null, answered_at: p.at, updated_at: p.at };
  const r = await tx.db.updateTable('cover_requests').set(set).where('id', '=', id).where('state', '=', 'open').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function setCoverOverride(tx: Tx, id: string, overrideId: string): Promise<void> {
  await tx.db.updateTable('cover_requests').set({ override_id: overrideId }).where('id', '=', id).execute();
}

export async function listCovers(tx: Tx, f: { state?: CoverState; limit?: number } = {}): Promise<CoverRow[]> {
  let q = tx.db.selectFrom('cover_requests').selectAll();
  if (f.state) q = q.where('state', '=', f.state);
  // open ones soonest first (what needs an answer now); the rest newest first
  q = f.state === 'open' ? q.orderBy('starts_at').orderBy('number') : q.orderBy('number', 'desc');
  return (await q.limit(f.limit ?? 200).execute()).map(coverRow);
}

// ---- the first-response watch's memory (SM-10)
export interface WatchState { region: string; building: boolean; count: number; toldAt: string | null }

/** Every region's row, locked on PostgreSQL so two runs at once take turns (SQLite transactions already do). */
export async function lockWatchStates(tx: Tx, regions: string[], now: Temporal.Instant): Promise<Map<string, WatchState>> {
  if (regions.length) await tx.db.insertInto('first_response_watch').values(regions.map((region) => ({ region, building: 0, count: 0, told_at: null, updated_at: isoUtc(now) }))).onConflict((oc) => oc.column('region').doNothing()).execute();
  let q = tx.db.selectFrom('first_response_watch').selectAll().orderBy('region');
  if (tx.engine === 'postgres') q = q.forUpdate();
  return new Map((await q.execute()).map((r) => [r.region, { region: r.region, building: Number(r.building) === 1, count: Number(r.count), toldAt: str(r.told_at) }]));
}

export async function saveWatchState(tx: Tx, s: WatchState, now: Temporal.Instant): Promise<void> {
  await tx.db.updateTable('first_response_watch').set({ building: s.building ? 1 : 0, count: s.count, told_at: s.toldAt, updated_at: isoUtc(now) }).where('region', '=', s.region).execute();
}

export async function readWatchStates(tx: Tx): Promise<Map<string, WatchState>> {
  const rows = await tx.db.selectFrom('first_response_watch').selectAll().execute();
  return new Map(rows.map((r) => [r.region, { region: r.region, building: Number(r.building) === 1, count: Number(r.count), toldAt: str(r.told_at) }]));
}

// ---- upgrade-assistance requests (SM-8)
export type UpgradeState = 'requested' | 'reassigned' | 'rescheduled';
export interface UpgradeRow {
  id: string; number: number; ticketId: string; ticketNumber: number; organizationId: string | null; requesterId: string;
  start: string; durationMinutes: number; zone: string; scope: string; state: UpgradeState; flags: UpgradeFlag[];
  managerId: string | null; assigneeId: string | null; createdAt: string; updatedAt: string; version: number;
}

const upgradeRow = (r: Selectable<UpgradeRequestsTable>): UpgradeRow => ({
  id: r.id, number: Number(r.number), ticketId: r.ticket_id, ticketNumber: Number(r.ticket_number), organizationId: r.organization_id, requesterId: r.requester_user_id,
  start: str(r.starts_at)!, durationMinutes: Number(r.duration_minutes), zone: r.zone, scope: r.scope, state: r.state, flags: JSON.parse(r.flags) as UpgradeFlag[],
  managerId: r.manager_user_id, assigneeId: r.assignee_user_id, createdAt: str(r.created_at)!, updatedAt: str(r.updated_at)!, version: Number(r.version),
});

/** Two requests at once on PostgreSQL take turns for the next number (SQLite transactions already do). */
export async function nextUpgradeNumber(tx: Tx): Promise<number> {
  if (tx.engine === 'postgres') await sql`select pg_advisory_xact_lock(74110008)`.execute(tx.db);
  const r = await tx.db.selectFrom('upgrade_requests').select((eb) => eb.fn.max('number').as('m')).executeTakeFirst();
  return Number(r?.m ?? 0) + 1;
}

export async function insertUpgrade(tx: Tx, u: Omit<UpgradeRow, 'id' | 'updatedAt' | 'version' | 'assigneeId' | 'state'>): Promise<UpgradeRow> {
  const id = newId();
  await tx.db.insertInto('upgrade_requests').values({
    id, number: u.number, ticket_id: u.ticketId, ticket_number: u.ticketNumber, organization_id: u.organizationId, requester_user_id: u.requesterId,
    starts_at: u.start, duration_minutes: u.durationMinutes, zone: u.zone, scope: u.scope, state: 'requested', flags: JSON.stringify(u.flags), flagged: u.flags.length ? 1 : 0,
    manager_user_id: u.managerId, assignee_user_id: null, created_at: u.createdAt, updated_at: u.createdAt, version: 1,
  }).execute();
  return (await findUpgrade(tx, id))!;
}

export async function updateUpgrade(tx: Tx, id: string, now: Temporal.Instant, p: Partial<Pick<UpgradeRow, 'state' | 'start' | 'durationMinutes' | 'flags' | 'assigneeId' | 'managerId'>>): Promise<void> {
  const set: Updateable<UpgradeRequestsTable> = {
    updated_at: isoUtc(now), state: p.state, starts_at: p.start, duration_minutes: p.durationMinutes, assignee_user_id: p.assigneeId, manager_user_id: p.managerId,
    ...(p.flags ? { flags: JSON.stringify(p.flags), flagged: p.flags.length ? 1 : 0 } : {}),
  };
  await tx.db.updateTable('upgrade_requests').set(set).set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', id).execute();
}

/** By id or number (`#3` and `3` alike); `forUpdate` serialises changes to one request on PostgreSQL. */
export async function findUpgrade(tx: Tx, ref: string, forUpdate = false): Promise<UpgradeRow | undefined> {
  const r = ref.replace(/^#/, '');
  let q = tx.db.selectFrom('upgrade_requests').selectAll();
  q = /^\d+$/.test(r) ? q.where('number', '=', Number(r)) : q.where('id', '=', r);
  if (forUpdate && tx.engine === 'postgres') q = q.forUpdate();
  const found = await q.executeTakeFirst();
  return found ? upgradeRow(found) : undefined;
}

/** Newest first; a customer's list is narrowed to their organisation (or their own, without one) in SQL. */
export async function listUpgrades(tx: Tx, f: { flagged?: boolean; organizationId?: string | null; requesterId?: string; limit?: number }): Promise<UpgradeRow[]> {
  let q = tx.db.selectFrom('upgrade_requests').selectAll().orderBy('number', 'desc');
  if (f.flagged !== undefined) q = q.where('flagged', '=', f.flagged ? 1 : 0);
  if (f.organizationId) q = q.where('organization_id', '=', f.organizationId);
  else if (f.requesterId) q = q.where('requester_user_id', '=', f.requesterId);
  return (await q.limit(f.limit ?? 200).execute()).map(upgradeRow);
}
