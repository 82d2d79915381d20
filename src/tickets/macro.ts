// TK-3: macros are named bundles of field changes, tags and comment text. Like the helpdesk's
// "apply" endpoint, previewing never changes anything: it returns what applying would do, and the
// service writes that (ticket + diff + comments + signals) in one transaction.
import { invalid } from '../kernel/errors.ts';
import type { Temporal } from '../kernel/time.ts';
import {
  DEFAULT_TICKET_CONFIG, TICKET_PRIORITIES, TICKET_STAGES, TICKET_STATUSES, applyChanges, checkCustomField, normalizeTags,
  type CustomFieldValue, type FieldChange, type Ticket, type TicketChanges, type TicketConfig,
  type TicketPriority, type TicketStage, type TicketStatus,
} from './ticket.ts';

/** `current_user` = the agent applying the macro. */
export type UserRefValue = string | 'current_user';

export type MacroAction =
  | { type: 'set_status'; value: TicketStatus }
  | { type: 'set_priority'; value: TicketPriority }
  | { type: 'set_form'; value: string }
  | { type: 'set_stage'; value: TicketStage }
  | { type: 'set_assignee'; value: UserRefValue | null }
  | { type: 'set_emergency'; value: boolean }
  | { type: 'add_tags'; tags: string[] }
  | { type: 'remove_tags'; tags: string[] }
  | { type: 'set_tags'; tags: string[] }
  | { type: 'add_follower'; value: UserRefValue }
  | { type: 'set_custom_field'; key: string; value: CustomFieldValue }
  | { type: 'comment'; public: boolean; body: string }
  /** A request to the workflow (e.g. `page_oncall`); the macro itself does no I/O. */
  | { type: 'signal'; name: string };

export interface Macro {
  id: string;
  title: string;
  description?: string;
  active: boolean;
  actions: MacroAction[];
}

export interface MacroContext {
  agent: { id: string; name: string; email?: string };
  requester?: { name: string; email?: string } | null;
  organization?: { name: string } | null;
  oncall?: { current?: string | null; next?: string | null; manager?: string | null };
  /** Further values by placeholder name, e.g. { 'incident.status_page_url': 'https://…' }. */
  values?: Record<string, string | null | undefined>;
}

export interface RenderedComment { public: boolean; body: string }

export interface MacroPreview {
  ticket: Ticket;
  /** Net changes against the input ticket (what the service applies under optimistic concurrency). */
  changes: TicketChanges;
  diff: FieldChange[];
  comments: RenderedComment[];
  signals: string[];
}

/** Placeholders every template may use; values not given must have a fallback (`{{x|text}}`). */
export const KNOWN_PLACEHOLDERS = [
  'ticket.id', 'ticket.number', 'ticket.subject', 'ticket.priority', 'ticket.status', 'ticket.form',
  'requester.name', 'requester.first_name', 'requester.email', 'organization.name',
  'agent.name', 'agent.first_name', 'agent.email',
  'oncall.current', 'oncall.next', 'oncall.manager',
  'workspace.name', 'workspace.status_page_url',
  'incident.tag', 'incident.status_page_url', 'incident.issue_url',
  'escalation.url', 'escalation.thread_url', 'bridge.url', 'exception.criterion',
] as const;

const PLACEHOLDER_RE = /\{\{\s*([a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*)\s*(?:\|([^}]*))?\}\}/g;
const firstName = (name: string | undefined | null) => (name ? name.trim().split(/\s+/)[0] : undefined);

/** Names of placeholders in a template, in order of first use. */
export function placeholdersIn(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER_RE)].map((m) => m[1]))];
}

/**
 * Replaces {{name}} / {{name|fallback}}. Unknown names and known names without a value or
 * fallback are errors, so a customer never receives a half-filled message.
 */
export function renderTemplate(template: string, vars: Record<string, string | null | undefined>, known: ReadonlySet<string>, where = 'template'): string {
  return template.replace(PLACEHOLDER_RE, (_m, name: string, fallback: string | undefined) => {
    if (!known.has(name)) {
      throw invalid('macro.unknown_placeholder', `Unknown placeholder {{${name}}} in ${where}. Use one of: ${[...known].sort().join(', ')}.`, { placeholder: name });
    }
    const v = vars[name];
    if (v !== undefined && v !== null && v !== '') return v;
    if (fallback !== undefined) return fallback.trim();
    throw invalid('macro.missing_value', `${where} needs {{${name}}}, which has no value here; provide it or write {{${name}|fallback text}}.`, { placeholder: name });
  });
}

export function templateVariables(ticket: Ticket, ctx: MacroContext): Record<string, string | null | undefined> {
  return {
    ...ctx.values,
    'ticket.id': ticket.id, 'ticket.number': String(ticket.number), 'ticket.subject': ticket.subject,
    'ticket.priority': ticket.priority, 'ticket.status': ticket.status, 'ticket.form': ticket.form,
    'requester.name': ctx.requester?.name, 'requester.first_name': firstName(ctx.requester?.name), 'requester.email': ctx.requester?.email,
    'organization.name': ctx.organization?.name,
    'agent.name': ctx.agent.name, 'agent.first_name': firstName(ctx.agent.name), 'agent.email': ctx.agent.email,
    'oncall.current': ctx.oncall?.current, 'oncall.next': ctx.oncall?.next, 'oncall.manager': ctx.oncall?.manager,
  };
}

function knownSet(extra: Iterable<string> = []): Set<string> {
  return new Set<string>([...KNOWN_PLACEHOLDERS, ...extra]);
}

function check(ok: boolean, macro: Pick<Macro, 'title'>, index: number, what: string): void {
  if (!ok) throw invalid('macro.bad_action', `Macro "${macro.title}", action ${index + 1}: ${what}`, { index });
}

/** Checks a macro definition (for create/update through the API or workspace file). */
export function validateMacro(macro: Macro, opts: { config?: TicketConfig; extraPlaceholders?: Iterable<string> } = {}): Macro {
  const config = opts.config ?? DEFAULT_TICKET_CONFIG;
  if (typeof macro.title !== 'string' || macro.title.trim() === '') throw invalid('macro.bad_title', 'A macro needs a non-empty title.', {});
  if (!Array.isArray(macro.actions) || macro.actions.length === 0) throw invalid('macro.no_actions', `Macro "${macro.title}" has no actions; add at least one.`, {});
  const known = knownSet(opts.extraPlaceholders);
  macro.actions.forEach((a, i) => {
    switch (a.type) {
      case 'set_status': return check(TICKET_STATUSES.includes(a.value), macro, i, `status must be one of ${TICKET_STATUSES.join(', ')}.`);
      case 'set_priority': return check(TICKET_PRIORITIES.includes(a.value), macro, i, `priority must be one of ${TICKET_PRIORITIES.join(', ')}.`);
      case 'set_form': return check(config.forms.includes(a.value), macro, i, `form must be one of ${config.forms.join(', ')}.`);
      case 'set_stage': return check(TICKET_STAGES.includes(a.value), macro, i, `stage must be one of ${TICKET_STAGES.join(', ')}.`);
      case 'set_assignee': return check(a.value === null || (typeof a.value === 'string' && a.value !== ''), macro, i, 'assignee must be a user id, "current_user" or null.');
      case 'add_follower': return check(typeof a.value === 'string' && a.value !== '', macro, i, 'follower must be a user id or "current_user".');
      case 'set_emergency': return check(typeof a.value === 'boolean', macro, i, 'set_emergency takes true or false.');
      case 'add_tags': case 'remove_tags': case 'set_tags':
        check(Array.isArray(a.tags), macro, i, 'tags must be a list.');
        normalizeTags(a.tags);
        return;
      case 'set_custom_field':
        checkCustomField(a.key, a.value);
        return;
      case 'comment':
        check(typeof a.body === 'string' && a.body.trim() !== '' && typeof a.public === 'boolean', macro, i, 'a comment needs a body and public: true|false.');
        for (const name of placeholdersIn(a.body)) {
          if (!known.has(name)) throw invalid('macro.unknown_placeholder', `Unknown placeholder {{${name}}} in macro "${macro.title}". Use one of: ${[...known].sort().join(', ')}.`, { placeholder: name, index: i });
        }
        return;
      case 'signal': return check(typeof a.name === 'string' && /^[a-z][a-z0-9_]*$/.test(a.name), macro, i, 'a signal name is lower_snake_case.');
      default: return check(false, macro, i, `unknown action type "${(a as { type: unknown }).type}".`);
    }
  });
  return macro;
}

/** What applying `macro` to `ticket` would do; throws the first invalid value or placeholder. */
export function previewMacro(ticket: Ticket, macro: Macro, ctx: MacroContext, opts: { at: Temporal.Instant; config?: TicketConfig }): MacroPreview {
  if (!macro.active) throw invalid('macro.inactive', `Macro "${macro.title}" is inactive; activate it or pick another.`, { macroId: macro.id });
  const me = (v: UserRefValue) => (v === 'current_user' ? ctx.agent.id : v);
  const changes: TicketChanges = {};
  let tags = [...ticket.tags];
  const followersToAdd: string[] = [];
  const customFields: Record<string, CustomFieldValue> = {};
  const commentTemplates: MacroAction[] = [];
  const signals: string[] = [];
  for (const a of macro.actions) {
    switch (a.type) {
      case 'set_status': changes.status = a.value; break;
      case 'set_priority': changes.priority = a.value; break;
      case 'set_form': changes.form = a.value; break;
      case 'set_stage': changes.stage = a.value; break;
      case 'set_assignee': changes.assigneeId = a.value === null ? null : me(a.value); break;
      case 'set_emergency': changes.isEmergency = a.value; break;
      case 'add_tags': tags = [...tags, ...normalizeTags(a.tags)]; break;
      case 'remove_tags': { const rm = new Set(normalizeTags(a.tags)); tags = tags.filter((t) => !rm.has(t)); break; }
      case 'set_tags': tags = normalizeTags(a.tags); break;
      case 'add_follower': followersToAdd.push(me(a.value)); break;
      case 'set_custom_field': customFields[a.key] = a.value; break;
      case 'comment': commentTemplates.push(a); break;
      case 'signal': if (!signals.includes(a.name)) signals.push(a.name); break;
    }
  }
  const finalTags = normalizeTags(tags);
  const add = finalTags.filter((t) => !ticket.tags.includes(t));
  const remove = ticket.tags.filter((t) => !finalTags.includes(t));
  if (add.length || remove.length) changes.tags = { ...(add.length ? { add } : {}), ...(remove.length ? { remove } : {}) };
  if (followersToAdd.length) changes.followers = { add: followersToAdd };
  if (Object.keys(customFields).length) changes.customFields = customFields;

  const result = applyChanges(ticket, changes, { at: opts.at, config: opts.config });
  // Comments see the ticket as the macro leaves it ({{ticket.priority}} after a downgrade is "high").
  const vars = templateVariables(result.ticket, ctx);
  const known = knownSet(Object.keys(ctx.values ?? {}));
  const comments = commentTemplates.map((a) => {
    const c = a as Extract<MacroAction, { type: 'comment' }>;
    return { public: c.public, body: renderTemplate(c.body, vars, known, `macro "${macro.title}"`) };
  });
  return { ticket: result.ticket, changes, diff: result.diff, comments, signals };
}
