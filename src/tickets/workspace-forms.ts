// TK-1: the `ticket_forms:` section — which forms (products) a ticket can have, with the label the
// portal shows. Without it the seeds' five forms apply.
import { invalid } from '../kernel/errors.ts';
import { allowOnly, text, type Obj } from '../workspace/index.ts';
import { DEFAULT_TICKET_FORMS } from './ticket.ts';

export interface TicketForm { id: string; name: string }

const FORM_ID = /^[a-z][a-z0-9_]{0,39}$/;
const MAX_FORMS = 200;

export const DEFAULT_FORM_NAMES: Record<(typeof DEFAULT_TICKET_FORMS)[number], string> = {
  self_managed: 'Self-managed installation', saas: 'SaaS', licensing: 'Licensing and renewals', us_government: 'US Government', dedicated: 'Dedicated',
};
export const DEFAULT_FORMS: TicketForm[] = DEFAULT_TICKET_FORMS.map((id) => ({ id, name: DEFAULT_FORM_NAMES[id] }));

const fail = (code: string, path: string, message: string): never => { throw invalid(code, `${path}: ${message}`, { path }); };

/** Checks a raw `ticket_forms:` list (ids, or `{ id, name }` entries); returns it normalised. */
export function parseFormsSection(raw: unknown): TicketForm[] {
  if (!Array.isArray(raw)) fail('workspace.bad_field', 'ticket_forms', 'expected a list of forms (e.g. - { id: saas, name: SaaS }).');
  const items = raw as unknown[];
  if (items.length === 0) fail('ticket.bad_form', 'ticket_forms', 'give at least one form (leave the section out to keep the default five).');
  if (items.length > MAX_FORMS) fail('ticket.bad_form', 'ticket_forms', `at most ${MAX_FORMS} forms.`);
  const forms = items.map((item, i): TicketForm => {
    const path = `ticket_forms[${i}]`;
    let id: string;
    let name: string | undefined;
    if (typeof item === 'string') id = item;
    else if (item && typeof item === 'object' && !Array.isArray(item)) {
      allowOnly(item as Obj, path, ['id', 'name']);
      id = text(item as Obj, 'id', path, { required: true })!;
      name = text(item as Obj, 'name', path);
    } else return fail('workspace.bad_field', path, 'expected a form id or a mapping { id, name }.');
    if (!FORM_ID.test(id)) fail('ticket.bad_form', path, `"${id}" is not a form id; use lower-case letters, digits and "_" (at most 40), starting with a letter.`);
    return { id, name: name?.trim() || (DEFAULT_FORM_NAMES as Record<string, string>)[id] || id };
  });
  forms.forEach((f, i) => { if (forms.findIndex((x) => x.id === f.id) !== i) fail('ticket.bad_form', `ticket_forms[${i}]`, `"${f.id}" is listed twice.`); });
  return forms;
}
