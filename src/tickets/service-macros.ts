// TK-3: macros. The workspace's macros (table ticket_macros) override the demo set by id; preview
// changes nothing, apply writes the macro's result as one audited change.
import { isStaff, type Actor } from '../kernel/actor.ts';
import { forbidden, notFound } from '../kernel/errors.ts';
import { isoUtc } from '../kernel/time.ts';
import { withTx, type Ctx } from '../runtime/context.ts';
import type { Selectable } from 'kysely';
import type { TicketMacrosTable } from '../store/schema.ts';
import type { Tx } from '../store/tx.ts';
import { findOrganization, findUser } from '../people/index.ts';
import { DEMO_MACROS } from './demo-macros.ts';
import { previewMacro as planMacro, validateMacro, type Macro, type MacroContext, type MacroPreview } from './macro.ts';
import { emitTicketEvent } from './service-hooks.ts';
import { assertCanSee, commitChange, type ChangeResult } from './service.ts';
import { loadTicketRecord, type TicketRecord } from './store.ts';
import { loadTicketSettings } from './service-settings.ts';
import type { TicketConfig } from './ticket.ts';

function rowToMacro(r: Selectable<TicketMacrosTable>): Macro {
  return { id: r.id, title: r.title, description: r.description ?? undefined, active: Number(r.active) === 1, actions: JSON.parse(r.actions) };
}

/** Workspace macros first (in their order), then the demo macros the workspace did not replace. */
export async function listMacros(tx: Tx): Promise<Macro[]> {
  const rows = (await tx.db.selectFrom('ticket_macros').selectAll().orderBy('position').orderBy('title').execute()).map(rowToMacro);
  return [...rows, ...DEMO_MACROS.filter((d) => !rows.some((r) => r.id === d.id))];
}

export async function findMacro(tx: Tx, id: string): Promise<Macro> {
  const m = (await listMacros(tx)).find((x) => x.id === id);
  if (!m) throw notFound('macro.not_found', `No macro "${id}"; list them with GET /api/v1/macros.`, { id });
  return m;
}

export async function saveMacro(tx: Tx, m: Macro, position: number, at: import('../kernel/time.ts').Temporal.Instant, config?: TicketConfig): Promise<'created' | 'updated' | 'unchanged'> {
  validateMacro(m, { config: config ?? (await loadTicketSettings(tx)).ticket });
  const row = { title: m.title, description: m.description ?? null, active: m.active ? 1 : 0, actions: JSON.stringify(m.actions), position };
  const before = await tx.db.selectFrom('ticket_macros').selectAll().where('id', '=', m.id).executeTakeFirst();
  if (!before) {
    await tx.db.insertInto('ticket_macros').values({ id: m.id, ...row, updated_at: isoUtc(at) }).execute();
    return 'created';
  }
  const same = before.title === row.title && (before.description ?? null) === row.description && Number(before.active) === row.active && before.actions === row.actions && Number(before.position) === position;
  if (same) return 'unchanged';
  await tx.db.updateTable('ticket_macros').set({ ...row, updated_at: isoUtc(at) }).where('id', '=', m.id).execute();
  return 'updated';
}

async function macroContext(tx: Tx, actor: Actor, rec: TicketRecord, values?: Record<string, string>): Promise<MacroContext> {
  const [agent, requester, org] = await Promise.all([
    actor.userId ? findUser(tx, { id: actor.userId }) : undefined,
    findUser(tx, { id: rec.ticket.requesterId }),
    rec.ticket.organizationId ? findOrganization(tx, { id: rec.ticket.organizationId }) : undefined,
  ]);
  return {
    agent: { id: actor.userId ?? 'system', name: agent?.name ?? actor.name, email: agent?.email },
    requester: requester ? { name: requester.name, email: requester.email } : null,
    organization: org ? { name: org.name } : null,
    values,
  };
}

export interface MacroRequest { macroId: string; values?: Record<string, string>; expectedVersion?: number }

export async function previewMacro(ctx: Ctx, actor: Actor, idOrNumber: string, req: MacroRequest, tx?: Tx): Promise<MacroPreview> {
  if (!isStaff(actor)) throw forbidden('macro.not_allowed', 'Only support staff apply macros.');
  return withTx(ctx, tx, async (tx) => {
    const rec = await loadTicketRecord(tx, idOrNumber);
    assertCanSee(actor, rec.ticket);
    const macro = await findMacro(tx, req.macroId);
    const { ticket: config } = await loadTicketSettings(tx);
    return planMacro(rec.ticket, macro, await macroContext(tx, actor, rec, req.values), { at: ctx.clock.now(), config });
  });
}

/** One audited change: fields, tags and comments of the macro, then its signals as hooks. */
export async function applyMacro(ctx: Ctx, actor: Actor, idOrNumber: string, req: MacroRequest, tx?: Tx): Promise<ChangeResult & { signals: string[] }> {
  if (!isStaff(actor)) throw forbidden('macro.not_allowed', 'Only support staff apply macros.');
  return withTx(ctx, tx, async (tx) => {
    const rec = await loadTicketRecord(tx, idOrNumber, true);
    const macro = await findMacro(tx, req.macroId);
    const { ticket: config } = await loadTicketSettings(tx);
    const plan = planMacro(rec.ticket, macro, await macroContext(tx, actor, rec, req.values), { at: ctx.clock.now(), config });
    const r = await commitChange(ctx, tx, actor, rec, {
      changes: plan.changes, expectedVersion: req.expectedVersion,
      comments: plan.comments.map((c) => ({ body: c.body, isPublic: c.public })),
      action: 'ticket.macro_applied', detail: { macroId: macro.id, macroTitle: macro.title },
    });
    for (const signal of plan.signals) {
      await emitTicketEvent(ctx, tx, { type: 'macro.signal', ticket: r.ticket, actor, at: ctx.clock.now(), signal, macroId: macro.id });
    }
    return { ...r, signals: plan.signals };
  });
}
