// TK-1, TK-7: the helpdesk's workspace settings (forms, SLA policies) as every node sees them.
// They live in the database so a cluster shares one policy, and are read in the transaction that
// needs them, once per transaction (a bulk chunk of 100 tickets reads them once; tx.memo). Nothing
// to invalidate across nodes: a changed row is simply read by the next transaction.
import { isoUtc, type Temporal } from '../kernel/time.ts';
import { MemoKey, type Tx } from '../store/tx.ts';
import { DEMO_SLA_CONFIG, type SlaConfig } from './sla.ts';
import { DEFAULT_TICKET_CONFIG, type TicketConfig } from './ticket.ts';
import { DEFAULT_FORMS, type TicketForm } from './workspace-forms.ts';
import { slaConfigOf, type SlaSectionDoc } from './workspace-sla.ts';

export type SettingName = 'forms' | 'sla' | 'portal';

/** TK-8: how the portal signs staff replies: the engineer's display name (default) or the team's name. */
export interface PortalSettings { signRepliesAs: 'engineer' | 'team'; teamName: string }
export const DEFAULT_PORTAL: PortalSettings = { signRepliesAs: 'engineer', teamName: 'Support team' };

export interface HelpdeskSettings {
  forms: TicketForm[];
  /** What ticket validation uses (forms by id). */
  ticket: TicketConfig;
  sla: SlaConfig;
  portal: PortalSettings;
  /** The stored sections, null where the workspace never set one (the built-in default applies). */
  stored: { forms: TicketForm[] | null; sla: SlaSectionDoc | null; portal: PortalSettings | null };
}

const SETTINGS = new MemoKey<HelpdeskSettings>('tickets.settings');

function build(formsText: string | null, slaText: string | null, portalText: string | null = null): HelpdeskSettings {
  const storedPortal = portalText ? (JSON.parse(portalText) as PortalSettings) : null;
  const storedForms = formsText ? (JSON.parse(formsText) as TicketForm[]) : null;
  const storedSla = slaText ? (JSON.parse(slaText) as SlaSectionDoc) : null;
  const forms = storedForms ?? DEFAULT_FORMS;
  return {
    forms,
    ticket: storedForms ? { ...DEFAULT_TICKET_CONFIG, forms: forms.map((f) => f.id) } : DEFAULT_TICKET_CONFIG,
    sla: storedSla ? slaConfigOf(storedSla) : DEMO_SLA_CONFIG,
    portal: storedPortal ?? DEFAULT_PORTAL,
    stored: { forms: storedForms, sla: storedSla, portal: storedPortal },
  };
}

async function read(tx: Tx): Promise<HelpdeskSettings> {
  const rows = await tx.db.selectFrom('ticket_settings').select(['name', 'value']).where('name', 'in', ['forms', 'sla', 'portal']).execute();
  const value = (name: SettingName) => rows.find((r) => r.name === name)?.value ?? null;
  return build(value('forms'), value('sla'), value('portal'));
}

export function loadTicketSettings(tx: Tx): Promise<HelpdeskSettings> {
  return tx.memo.once(SETTINGS, () => read(tx));
}

/** Writes one setting (JSON); the caller's transaction sees the new value from then on. */
export async function saveTicketSetting(tx: Tx, name: SettingName, value: unknown, at: Temporal.Instant): Promise<'created' | 'updated' | 'unchanged'> {
  const json = JSON.stringify(value);
  const before = await tx.db.selectFrom('ticket_settings').select('value').where('name', '=', name).executeTakeFirst();
  tx.memo.forget(SETTINGS);
  if (before?.value === json) return 'unchanged';
  if (before) await tx.db.updateTable('ticket_settings').set({ value: json, updated_at: isoUtc(at) }).where('name', '=', name).execute();
  else await tx.db.insertInto('ticket_settings').values({ name, value: json, updated_at: isoUtc(at) }).execute();
  return before ? 'updated' : 'created';
}
