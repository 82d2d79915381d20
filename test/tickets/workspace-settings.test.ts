// TK-1 / TK-7: forms and SLA policies come from the workspace file, are stored in the database
// (so a second node on the same database arms the same clocks), refuse bad input with an error
// that names its path and writes nothing, and survive an export → apply round trip.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { SYSTEM } from '../../src/kernel/actor.ts';
import { JobEngine } from '../../src/engine/runner.ts';
import { ChangeBus } from '../../src/runtime/bus.ts';
import type { Ctx } from '../../src/runtime/context.ts';
import { only } from '../../src/main/capabilities.ts';
import { buildCtx } from '../../src/main/node.ts';
import { openDatabase } from '../../src/store/db.ts';
import { testEngines } from '../../src/store/test-db.ts';
import { applyWorkspace, exportWorkspace } from '../../src/workspace/index.ts';
import { createTicket, getTicket, updateTicket } from '../../src/tickets/service.ts';
import { searchTickets } from '../../src/tickets/service-search.ts';
import { openKit, START, type Kit } from './kit.ts';

const POLICY = `
ticket_forms:
  - { id: self_managed, name: Self-managed }
  - saas
  - us_government
  - { id: mainframe, name: Mainframe edition }
sla:
  calendars:
    - id: ny-office
      name: New York office
      time_zone: America/New_York
      hours: { mon: 09:00-17:00, tue: 09:00-17:00, wed: 09:00-17:00, thu: 09:00-17:00, fri: [09:00-12:00, 13:00-17:00] }
      holidays: [2026-11-26]
  policies:
    - id: gov
      name: US Government
      forms: [us_government]
      calendar: ny-office
      targets:
        high: { first_reply: 2h, next_reply: 4h }
    - id: everyone
      name: Everyone else
      targets:
        urgent: { first_reply: 15m, next_reply: 15m, hours: calendar }
        normal: { first_reply: 1h, next_reply: 2h, hours: calendar }
`;

const due = async (k: Kit, ctx: Ctx, form: string, priority: 'low' | 'normal' | 'high' | 'urgent') => {
  const { ticket } = await createTicket(ctx, k.as.engineer, { subject: `${form} ${priority}`, form, priority, requesterId: k.as.rita.userId! });
  return (await getTicket(ctx, k.as.engineer, ticket.id)).sla?.dueAt?.toString() ?? null;
};

const settingsRows = async (k: Kit) =>
  (await k.ctx.db.kysely.selectFrom('ticket_settings').select(['name', 'value']).orderBy('name').execute()).map((r) => ({ name: r.name, value: r.value }));

describe.each(testEngines())('forms and SLA policies from the workspace on %s', (engine) => {
  let k: Kit;
  beforeAll(async () => { k = await openKit(engine); });
  afterAll(async () => k?.close());

  it('TK-7: without an sla section the built-in demo policy applies (normal 8 h on 24x5 Pacific, urgent 30 min)', async () => {
    k.clock.set(START); // Monday 09:00Z = 01:00 in Los Angeles, inside the 24x5 week
    expect(await due(k, k.ctx, 'self_managed', 'normal')).toBe('2026-11-23T17:00:00Z');
    expect(await due(k, k.ctx, 'saas', 'urgent')).toBe('2026-11-23T09:30:00Z');
    expect(await exportWorkspace(k.ctx)).not.toMatch(/^sla:/m);
  });

  it('TK-7: after apply, new tickets follow the new policy — by form, priority, business hours and holidays', async () => {
    const report = await applyWorkspace(k.ctx, SYSTEM, POLICY);
    expect(report.sla).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(report.ticket_forms).toEqual({ created: 1, updated: 0, unchanged: 0 });
    k.clock.set(START);
    // 04:00 in New York: the office opens at 09:00 (14:00Z); 2 business hours later.
    expect(await due(k, k.ctx, 'us_government', 'high')).toBe('2026-11-23T16:00:00Z');
    expect(await due(k, k.ctx, 'saas', 'normal')).toBe('2026-11-23T10:00:00Z');
    expect(await due(k, k.ctx, 'mainframe', 'urgent')).toBe('2026-11-23T09:15:00Z');
    // No target for low in either policy: no clock.
    expect(await due(k, k.ctx, 'saas', 'low')).toBeNull();
    // Wednesday 16:00 New York: 1 h that day, Thursday is a holiday, 1 h on Friday morning.
    k.clock.set('2026-11-25T21:00:00Z');
    expect(await due(k, k.ctx, 'us_government', 'high')).toBe('2026-11-27T15:00:00Z');
    // Friday 11:30 New York: 30 min before lunch, 90 min after → 14:30 New York.
    k.clock.set('2026-11-27T16:30:00Z');
    expect(await due(k, k.ctx, 'us_government', 'high')).toBe('2026-11-27T19:30:00Z');
  });

  it('TK-7: applying the same file again changes nothing', async () => {
    const again = await applyWorkspace(k.ctx, SYSTEM, POLICY);
    expect(again.sla).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect(again.ticket_forms).toEqual({ created: 0, updated: 0, unchanged: 1 });
  });

  it('TK-7: a second node on the same database arms the clock by the stored policy', async () => {
    const db = await openDatabase(engine === 'sqlite' ? { file: k.url } : { url: k.url });
    try {
      const other: Ctx = buildCtx({ db, clock: k.clock, jobs: new JobEngine({ db, clock: k.clock, nodeId: 'other' }), bus: new ChangeBus('other') }, only('tickets'));
      k.clock.set(START);
      expect(await due(k, other, 'us_government', 'high')).toBe('2026-11-23T16:00:00Z');
    } finally {
      await db.close();
    }
  });

  it('TK-1: ticket forms follow the workspace — a configured form is accepted everywhere, a removed one is ticket.bad_form', async () => {
    const { ticket } = await createTicket(k.ctx, k.as.engineer, { subject: 'JCL job fails', form: 'mainframe', requesterId: k.as.rita.userId! });
    expect(ticket.form).toBe('mainframe');
    await expect(createTicket(k.ctx, k.as.engineer, { subject: 'x', form: 'dedicated', requesterId: k.as.rita.userId! })).rejects.toMatchObject({ code: 'ticket.bad_form' });
    await expect(updateTicket(k.ctx, k.as.engineer, ticket.id, { changes: { form: 'licensing' } })).rejects.toMatchObject({ code: 'ticket.bad_form' });
    const found = await searchTickets(k.ctx, k.as.engineer, 'form:mainframe', { count: true });
    expect(found.tickets.map((t) => t.id)).toContain(ticket.id);
    expect(found.tickets.every((t) => t.form === 'mainframe')).toBe(true);
    expect((await updateTicket(k.ctx, k.as.engineer, ticket.id, { changes: { form: 'saas' } })).ticket.form).toBe('saas');
    await expect(searchTickets(k.ctx, k.as.engineer, 'form:dedicated')).rejects.toMatchObject({ code: 'search.bad_value' });
  });

  const bad: [string, string, string, RegExp][] = [
    ['a duration that is not one', POLICY.replace('first_reply: 2h', 'first_reply: two hours'), 'sla.bad_target', /^sla\.policies\[0\]\.targets\.high\.first_reply: "two hours" is not a duration/],
    ['a priority that does not exist', POLICY.replace('high: { first_reply', 'critical: { first_reply'), 'sla.bad_target', /^sla\.policies\[0\]\.targets\.critical: "critical" is not a priority/],
    ['hours neither calendar nor business', POLICY.replace('hours: calendar }', 'hours: office }'), 'sla.bad_target', /^sla\.policies\[1\]\.targets\.urgent\.hours:/],
    ['an unknown calendar', POLICY.replace('calendar: ny-office', 'calendar: paris-office'), 'sla.unknown_calendar', /^sla\.policies\[0\]\.calendar: "paris-office" is not a calendar/],
    ['business hours without a calendar', POLICY.replace('      calendar: ny-office\n', ''), 'sla.unknown_calendar', /^sla\.policies\[0\]\.calendar: business-hours targets need a calendar/],
    ['a form that is not configured', POLICY.replace('forms: [us_government]', 'forms: [us_government, dedicated]'), 'ticket.bad_form', /^sla\.policies\[0\]\.forms\[1\]: "dedicated" is not a ticket form/],
    ['a bad time zone', POLICY.replace('America/New_York', 'Mars/Olympus'), 'sla.bad_calendar', /^sla\.calendars\[0\]: .*"Mars\/Olympus" is not an IANA time zone/],
    ['a bad opening range', POLICY.replace('mon: 09:00-17:00', 'mon: 9am-5pm'), 'sla.bad_calendar', /^sla\.calendars\[0\]\.hours\.mon: "9am-5pm" is not a time range/],
    ['a range that ends before it starts', POLICY.replace('tue: 09:00-17:00', 'tue: 17:00-09:00'), 'sla.bad_calendar', /^sla\.calendars\[0\]: .*ends before it starts/],
    ['a bad holiday', POLICY.replace('[2026-11-26]', '[2026-11-31]'), 'sla.bad_calendar', /^sla\.calendars\[0\]: .*holiday "2026-11-31" is not a date/],
    ['an unknown field', POLICY.replace('      name: US Government\n', '      name: US Government\n      priority: high\n'), 'workspace.unknown_field', /^sla\.policies\[0\]: unknown field "priority"/],
    ['two policies with one id', POLICY.replace('id: everyone', 'id: gov'), 'sla.bad_policy', /^sla\.policies\[1\]\.id: "gov" is used twice/],
    ['no policies at all', POLICY.replace(/  policies:[\s\S]*$/, '  policies: []\n'), 'sla.bad_policy', /^sla\.policies: give at least one policy/],
    ['a form id with spaces', POLICY.replace('  - saas\n', '  - Software as a service\n'), 'ticket.bad_form', /^ticket_forms\[1\]: "Software as a service" is not a form id/],
    ['a form listed twice', POLICY.replace('  - saas\n', '  - saas\n  - saas\n'), 'ticket.bad_form', /^ticket_forms\[2\]: "saas" is listed twice/],
  ];
  it.each(bad)('TK-7: %s is refused with its path and nothing is written', async (_what, yaml, code, message) => {
    const changed = yaml.replace('first_reply: 1h', 'first_reply: 3h'); // would be an update if it went through
    const before = await settingsRows(k);
    const err = await applyWorkspace(k.ctx, SYSTEM, changed).then(() => null, (e) => e);
    expect(err).toMatchObject({ code });
    expect(err.message).toMatch(message);
    expect(err.details.path).toMatch(/^(sla|ticket_forms)/);
    expect(await settingsRows(k)).toEqual(before);
    k.clock.set(START);
    expect(await due(k, k.ctx, 'saas', 'normal')).toBe('2026-11-23T10:00:00Z');
  });

  it('TK-1: dropping a form that a stored SLA policy names is refused, nothing written', async () => {
    const before = await settingsRows(k);
    const err = await applyWorkspace(k.ctx, SYSTEM, 'ticket_forms: [self_managed, saas, mainframe]\n').then(() => null, (e) => e);
    expect(err).toMatchObject({ code: 'ticket.bad_form' });
    expect(err.message).toMatch(/ticket_forms: sla\.policies\[0\]\.forms\[0\]: "us_government" is not a ticket form/);
    expect(await settingsRows(k)).toEqual(before);
  });

  it('TK-7: export → apply on a fresh workspace gives the same policy, forms and due times', async () => {
    const exported = await exportWorkspace(k.ctx);
    const doc = YAML.parse(exported);
    expect(doc.sla.policies.map((p: { id: string }) => p.id)).toEqual(['gov', 'everyone']);
    expect(doc.ticket_forms.map((f: { id: string }) => f.id)).toEqual(['self_managed', 'saas', 'us_government', 'mainframe']);
    const fresh = await openKit(engine);
    try {
      // Only the helpdesk's sections: the people in the export are not part of this test's fixture.
      const report = await applyWorkspace(fresh.ctx, SYSTEM, YAML.stringify({ ticket_forms: doc.ticket_forms, sla: doc.sla }));
      expect(report.sla).toEqual({ created: 1, updated: 0, unchanged: 0 });
      const back = YAML.parse(await exportWorkspace(fresh.ctx));
      expect(back.sla).toEqual(doc.sla);
      expect(back.ticket_forms).toEqual(doc.ticket_forms);
      fresh.clock.set('2026-11-25T21:00:00Z');
      expect(await due(fresh, fresh.ctx, 'us_government', 'high')).toBe('2026-11-27T15:00:00Z');
      // And applying the export once more is a no-op.
      expect((await applyWorkspace(fresh.ctx, SYSTEM, YAML.stringify({ ticket_forms: back.ticket_forms, sla: back.sla }))).sla).toEqual({ created: 0, updated: 0, unchanged: 1 });
    } finally {
      await fresh.close();
    }
  });
});

describe('the demo workspace', () => {
  it('TK-7: examples/demo.yaml spells out the built-in policy (urgent 30 min 24x7; high 4 h, normal 8 h, low 24 h on 24x5)', async () => {
    const { readFileSync } = await import('node:fs');
    const { parseSlaSection, slaConfigOf, demoSlaSection } = await import('../../src/tickets/workspace-sla.ts');
    const { parseFormsSection, DEFAULT_FORMS } = await import('../../src/tickets/workspace-forms.ts');
    const { DEMO_SLA_CONFIG } = await import('../../src/tickets/sla.ts');
    const doc = YAML.parse(readFileSync(new URL('../../examples/demo.yaml', import.meta.url), 'utf8'));
    const forms = parseFormsSection(doc.ticket_forms);
    expect(forms).toEqual(DEFAULT_FORMS);
    const sla = parseSlaSection(doc.sla, forms.map((f) => f.id));
    expect(sla).toEqual(demoSlaSection());
    const config = slaConfigOf(sla);
    expect(config.policies).toEqual(DEMO_SLA_CONFIG.policies);
    expect([...config.calendars].sort((a, b) => a.id.localeCompare(b.id))).toEqual([...DEMO_SLA_CONFIG.calendars].sort((a, b) => a.id.localeCompare(b.id)));
  });
});
