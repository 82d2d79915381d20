// The helpdesk's sections of a workspace file: `ticket_forms` (TK-1), `sla` (TK-7) and `macros`
// (TK-3), applied in that order so the SLA policies and macros are checked against the forms of
// the same file. Macros named here replace the demo macro with the same id; the demo set fills in
// the rest. Forms and SLA policies left out keep what is stored (the built-in ones on a fresh
// workspace).
import { allowOnly, at, bool, list, text, type Obj, type ApplyContext, type WorkspaceSection } from '../workspace/index.ts';
import { invalid } from '../kernel/errors.ts';
import type { Macro, MacroAction } from './macro.ts';
import { saveMacro } from './service-macros.ts';
import { DEFAULT_PORTAL, loadTicketSettings, saveTicketSetting } from './service-settings.ts';
import { parseFormsSection } from './workspace-forms.ts';
import { parseSlaSection } from './workspace-sla.ts';
import { helpdeskSchema } from './workspace-schema.ts';

async function applyForms(a: ApplyContext): Promise<void> {
  const forms = parseFormsSection(a.doc.ticket_forms);
  a.count('ticket_forms', await saveTicketSetting(a.tx, 'forms', forms, a.ctx.clock.now()));
}

async function applySla(a: ApplyContext): Promise<void> {
  const settings = await loadTicketSettings(a.tx);
  if (a.doc.sla !== undefined) {
    const sla = parseSlaSection(a.doc.sla, settings.ticket.forms);
    a.count('sla', await saveTicketSetting(a.tx, 'sla', sla, a.ctx.clock.now()));
  } else if (settings.stored.sla) {
    // New forms must not leave a stored policy naming a form that no longer exists.
    await at('ticket_forms', async () => parseSlaSection(settings.stored.sla, settings.ticket.forms));
  }
}

async function applyMacros(a: ApplyContext): Promise<void> {
  const { ticket: config } = await loadTicketSettings(a.tx);
  for (const [i, o] of list(a.doc, 'macros').entries()) {
    const path = `macros[${i}]`;
    allowOnly(o, path, ['id', 'title', 'description', 'active', 'actions']);
    const actions = (o as Obj).actions;
    if (!Array.isArray(actions)) throw invalid('workspace.bad_field', `${path}.actions must be a list of actions.`, { path });
    const m: Macro = {
      id: text(o, 'id', path, { required: true })!, title: text(o, 'title', path, { required: true })!,
      description: text(o, 'description', path), active: bool(o, 'active', path) ?? true, actions: actions as MacroAction[],
    };
    const outcome = await at(path, () => saveMacro(a.tx, m, i, a.ctx.clock.now(), config));
    a.count('macros', outcome);
  }
}

/** `portal: {sign_replies_as: engineer|team, team_name}` (TK-8): how staff replies are signed in the portal. */
async function applyPortal(a: ApplyContext): Promise<void> {
  const o = a.doc.portal;
  if (o === null || typeof o !== 'object' || Array.isArray(o)) throw invalid('workspace.bad_field', 'portal must be a mapping: {sign_replies_as, team_name}.', { path: 'portal' });
  allowOnly(o as Obj, 'portal', ['sign_replies_as', 'team_name']);
  const signAs = text(o as Obj, 'sign_replies_as', 'portal') ?? 'engineer';
  if (signAs !== 'engineer' && signAs !== 'team') throw invalid('workspace.bad_field', 'portal.sign_replies_as is "engineer" (the replying engineer\'s name) or "team" (team_name).', { path: 'portal.sign_replies_as' });
  const teamName = text(o as Obj, 'team_name', 'portal')?.trim() || DEFAULT_PORTAL.teamName;
  a.count('portal', await saveTicketSetting(a.tx, 'portal', { signRepliesAs: signAs, teamName }, a.ctx.clock.now()));
}

export const helpdeskSection: WorkspaceSection = {
  schema: helpdeskSchema,
  order: 40,
  async apply(a) {
    if (a.doc.ticket_forms !== undefined) await applyForms(a);
    if (a.doc.sla !== undefined || a.doc.ticket_forms !== undefined) await applySla(a);
    if (a.doc.macros !== undefined) await applyMacros(a);
    if (a.doc.portal !== undefined) await applyPortal(a);
  },
  async export(_ctx, tx) {
    const out: Record<string, unknown> = {};
    const { stored } = await loadTicketSettings(tx);
    if (stored.forms) out.ticket_forms = stored.forms;
    if (stored.sla) out.sla = stored.sla;
    if (stored.portal) out.portal = { sign_replies_as: stored.portal.signRepliesAs, team_name: stored.portal.teamName };
    const rows = await tx.db.selectFrom('ticket_macros').selectAll().orderBy('position').execute();
    if (rows.length) {
      out.macros = rows.map((r) => ({ id: r.id, title: r.title, ...(r.description ? { description: r.description } : {}), active: Number(r.active) === 1, actions: JSON.parse(r.actions) }));
    }
    return out;
  },
};
