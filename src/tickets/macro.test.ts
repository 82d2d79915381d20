import { describe, it, expect } from 'vitest';
import { Temporal } from '../kernel/time.ts';
import { previewMacro, renderTemplate, validateMacro, KNOWN_PLACEHOLDERS, type Macro, type MacroContext } from './macro.ts';
import { DEMO_MACROS, EMERGENCY_TAGS, demoMacro } from './demo-macros.ts';
import { sampleTicket } from './ticket-fixture.ts';

const AT = Temporal.Instant.from('2026-11-23T09:20:00Z');
const CTX: MacroContext = {
  agent: { id: 'se-1', name: 'Francesca Rossi', email: 'fr@example.com' },
  requester: { name: 'Dana Scully', email: 'dana@example.com' },
  oncall: { current: 'Francesca Rossi', next: 'Ahmed Khan', manager: 'Maya Lin' },
};
const preview = (id: string, ticket = sampleTicket(), ctx = CTX) => previewMacro(ticket, demoMacro(id), ctx, { at: AT });

describe('macro preview', () => {
  it('TK-3: Downgrade emergency ticket sets form Self-Managed, priority High, stage next reply', () => {
    const p = preview('downgrade-emergency-ticket', sampleTicket({ form: 'saas' }));
    expect(p.ticket).toMatchObject({ form: 'self_managed', priority: 'high', stage: 'next_reply', isEmergency: true, version: 2 });
    expect(p.ticket.tags).toContain(EMERGENCY_TAGS.downgraded);
    expect(p.changes).toEqual({ form: 'self_managed', priority: 'high', stage: 'next_reply', tags: { add: ['emergency_downgraded'] } });
    expect(p.diff.map((d) => d.field)).toEqual(['form', 'priority', 'stage', 'tags']);
    expect(p.comments).toEqual([{ public: false, body: expect.stringContaining('Emergency downgraded by Francesca Rossi') }]);
  });

  it('WF-4: the needs-more-info tag stays when a later verdict is applied', () => {
    const asked = preview('emergency-needs-more-info').ticket;
    expect(asked.tags).toEqual(['emergency', 'emergency_needs_more_info']);
    const verdict = preview('emergency-strict-definition', asked).ticket;
    expect(verdict.tags).toEqual(['emergency', 'emergency_needs_more_info', 'emergency_strict_definition']);
  });

  it('WF-4: a new final verdict replaces the earlier one', () => {
    const exception = preview('emergency-exception').ticket;
    const notEmergency = preview('emergency-not-an-emergency', exception);
    expect(notEmergency.ticket.tags).toEqual(['emergency', 'emergency_not_an_emergency']);
    expect(notEmergency.changes.tags).toEqual({ add: ['emergency_not_an_emergency'], remove: ['emergency_exception'] });
  });

  it('TK-3: comments are rendered with requester, ticket and agent values', () => {
    const p = preview('emergency-strict-definition');
    expect(p.comments).toHaveLength(1);
    expect(p.comments[0].public).toBe(true);
    expect(p.comments[0].body).toMatch(/^Hi Dana,\n\nI'm Francesca Rossi, the engineer on call, and I'm handling your emergency request \(ticket #4711\)/);
    expect(p.comments[0].body).toContain("I'll send you a call link shortly");
    expect(preview('emergency-strict-definition', sampleTicket(), { ...CTX, values: { 'bridge.url': 'Join the call: https://bridge.example/abc' } }).comments[0].body)
      .toContain('Join the call: https://bridge.example/abc');
  });

  it('WF-8: post-call summary names the next on-call engineer', () => {
    expect(preview('post-customer-call-summary').comments[0].body).toContain('After my shift, Ahmed Khan will be responding');
    const noOncall = preview('post-customer-call-summary', sampleTicket(), { ...CTX, oncall: undefined });
    expect(noOncall.comments[0].body).toContain('After my shift, my colleague on call will be responding');
  });

  it('WF-13: compromised instance carries the checklist publicly and the manager rule internally', () => {
    const p = preview('compromised-instance');
    expect(p.comments.map((c) => c.public)).toEqual([true, false]);
    expect(p.comments[0].body).toContain('1. Shut the instance down immediately.');
    expect(p.comments[0].body).toContain('6. Retain the compromised instance for forensics and additional data recovery.');
    expect(p.comments[1].body).toContain('do not offer or join a call without engaging the Support Manager on call (Maya Lin)');
  });

  it('PG-5: trigger manual emergency raises priority, flags the ticket and signals a page', () => {
    const p = preview('trigger-manual-emergency', sampleTicket({ priority: 'normal', isEmergency: false, status: 'open' }));
    expect(p.ticket).toMatchObject({ priority: 'urgent', isEmergency: true });
    expect(p.signals).toEqual(['page_oncall']);
    expect(p.comments[0]).toEqual({ public: false, body: 'Emergency triggered manually by Francesca Rossi for ticket #4711; the on-call engineer is being paged.' });
  });

  it('SM-2: escalated ticket tags, follows with the manager and cross-links', () => {
    const p = preview('manager-escalated-ticket', sampleTicket(), { ...CTX, agent: { id: 'sm-1', name: 'Maya Lin' }, values: { 'escalation.url': 'https://esc/1' } });
    expect(p.ticket.followerIds).toEqual(['sm-1']);
    expect(p.ticket.tags).toContain('escalated');
    expect(p.comments[0].body).toContain('- Escalation: https://esc/1\n- Discussion thread: (link the thread)');
  });

  it('WF-12: trial sign-off waits for the customer (pending)', () => {
    expect(preview('trial-exclusions-sign-off', sampleTicket({ status: 'open' })).ticket.status).toBe('pending');
  });

  it('WF-10: incident first response sets the ticket open', () => {
    const p = preview('incident-first-response');
    expect(p.ticket.status).toBe('open');
    expect(p.comments[0].body).toContain('Status page: see our public status page');
  });

  it('TK-3: every demo macro is valid and previews on a fresh emergency', () => {
    for (const m of DEMO_MACROS) {
      expect(validateMacro(m)).toBe(m);
      expect(() => previewMacro(sampleTicket(), m, CTX, { at: AT })).not.toThrow();
    }
    expect(DEMO_MACROS).toHaveLength(11);
  });

  it('TK-3: previewing does not change the input ticket', () => {
    const t = sampleTicket();
    const copy = structuredClone({ ...t, createdAt: 0, updatedAt: 0 });
    preview('downgrade-emergency-ticket', t);
    expect({ ...t, createdAt: 0, updatedAt: 0 }).toEqual(copy);
  });
});

describe('macro errors', () => {
  const custom = (body: string): Macro => ({ id: 'm', title: 'Custom', active: true, actions: [{ type: 'comment', public: true, body }] });

  it('TK-3: an unknown placeholder is a clear error naming it', () => {
    expect(() => previewMacro(sampleTicket(), custom('Hello {{requester.nick}}'), CTX, { at: AT }))
      .toThrow(expect.objectContaining({ code: 'macro.unknown_placeholder', message: expect.stringMatching(/Unknown placeholder \{\{requester\.nick\}\} in macro "Custom"\. Use one of: .*requester\.name/) }));
    expect(() => validateMacro(custom('{{ticket.nmber}}'))).toThrow(expect.objectContaining({ code: 'macro.unknown_placeholder' }));
  });

  it('TK-3: a known placeholder without value or fallback is refused, not left blank', () => {
    expect(() => previewMacro(sampleTicket(), custom('Next: {{oncall.next}}'), { agent: CTX.agent }, { at: AT }))
      .toThrow(expect.objectContaining({ code: 'macro.missing_value' }));
  });

  it('TK-3: extra values become placeholders', () => {
    expect(renderTemplate('{{ x.y }} / {{ticket.number}}', { 'x.y': 'ok', 'ticket.number': '7' }, new Set(['x.y', ...KNOWN_PLACEHOLDERS]))).toBe('ok / 7');
  });

  it.each<[string, Macro, string]>([
    ['inactive', { id: 'm', title: 'Old', active: false, actions: [{ type: 'set_status', value: 'open' }] }, 'macro.inactive'],
    ['bad form', { id: 'm', title: 'F', active: true, actions: [{ type: 'set_form', value: 'mainframe' }] }, 'ticket.bad_form'],
    ['bad tag', { id: 'm', title: 'T', active: true, actions: [{ type: 'add_tags', tags: ['no spaces allowed'] }] }, 'ticket.bad_tag'],
  ])('TK-3: preview refuses %s', (_n, macro, code) => {
    expect(() => previewMacro(sampleTicket(), macro, CTX, { at: AT })).toThrow(expect.objectContaining({ code }));
  });

  it.each<[string, Macro, string]>([
    ['no title', { id: 'm', title: ' ', active: true, actions: [{ type: 'set_status', value: 'open' }] }, 'macro.bad_title'],
    ['no actions', { id: 'm', title: 'X', active: true, actions: [] }, 'macro.no_actions'],
    ['bad status', { id: 'm', title: 'X', active: true, actions: [{ type: 'set_status', value: 'done' as never }] }, 'macro.bad_action'],
    ['unknown action', { id: 'm', title: 'X', active: true, actions: [{ type: 'explode' } as never] }, 'macro.bad_action'],
    ['bad custom field', { id: 'm', title: 'X', active: true, actions: [{ type: 'set_custom_field', key: 'Bad Key', value: 1 }] }, 'ticket.bad_custom_field'],
  ])('TK-3: validateMacro refuses %s', (_n, macro, code) => {
    expect(() => validateMacro(macro)).toThrow(expect.objectContaining({ code }));
  });

  it('WF-9: a macro cannot change a closed ticket', () => {
    expect(() => preview('emergency-strict-definition', sampleTicket({ status: 'closed' }))).toThrow(expect.objectContaining({ code: 'ticket.closed' }));
  });
});
