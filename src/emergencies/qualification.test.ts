import { describe, expect, it } from 'vitest';
import { DEFAULT_EMERGENCY_CONFIG as C } from './config.ts';
import { ticket, TUESDAY } from './fixtures.test-helpers.ts';
import { decideQualification } from './qualification.ts';

const T = ticket();

describe('WF-4: qualification verdicts', () => {
  const rows: [string, Parameters<typeof decideQualification>[0], string, string[]][] = [
    ['WF-4: strict definition → Strict Definition macro, plan to work it', { ticket: T, verdict: 'strict' }, 'General::Emergency::Strict Definition', ['emergency_strict_definition']],
    ['WF-4: exception (financial impact) → Exception macro, courtesy message', { ticket: T, verdict: 'exception', criterion: 'financial_impact' }, 'General::Emergency::Exception', ['emergency_exception', 'emergency_exception_financial_impact']],
    ['WF-4: exception (audit) carries its criterion tag', { ticket: T, verdict: 'exception', criterion: 'audit' }, 'General::Emergency::Exception', ['emergency_exception', 'emergency_exception_audit']],
    ['WF-4: needs more info → Needs more info macro, proceed asynchronously', { ticket: T, verdict: 'needs_more_info' }, 'General::Emergency::Needs more info', ['emergency_needs_more_info']],
  ];
  it.each(rows)('%s', (_n, input, macro, tags) => {
    const d = decideQualification(input, TUESDAY, C);
    const pub = d.comments.find((c) => c.visibility === 'public')!;
    expect(pub.macro).toBe(macro);
    expect(d.ticketChanges[0].fields.addTags).toEqual(tags);
  });

  it('WF-4: exception courtesy wording', () => {
    const d = decideQualification({ ticket: T, verdict: 'exception', criterion: 'legal' }, TUESDAY, C);
    expect(d.comments[0].body).toMatch(/as an emergency as a courtesy/);
  });

  it('WF-4: exception without a criterion is refused with a clear code', () => {
    expect(() => decideQualification({ ticket: T, verdict: 'exception' }, TUESDAY, C)).toThrow(expect.objectContaining({ code: 'emergency.exception_criterion_required' }));
  });

  it('WF-4: needs more info does not tick "qualified"; a final verdict does', () => {
    const nmi = decideQualification({ ticket: T, verdict: 'needs_more_info' }, TUESDAY, C);
    expect(nmi.runbookTicks.map((r) => r.item)).toEqual(['public_reply_sent']);
    const strict = decideQualification({ ticket: { ...T, tags: ['emergency_needs_more_info'] }, verdict: 'strict' }, TUESDAY, C);
    expect(strict.runbookTicks.map((r) => r.item)).toContain('qualified');
  });

  it('WF-4/TK-3: needs more info then strict → the needs-more-info tag stays', () => {
    const d = decideQualification({ ticket: { ...T, tags: ['emergency_needs_more_info'] }, verdict: 'strict' }, TUESDAY, C);
    expect(d.ticketChanges[0].fields.removeTags ?? []).not.toContain('emergency_needs_more_info');
  });

  it('WF-4: a changed final verdict replaces the previous one', () => {
    const d = decideQualification({ ticket: { ...T, tags: ['emergency_needs_more_info', 'emergency_strict_definition'] }, verdict: 'exception', criterion: 'security' }, TUESDAY, C);
    expect(d.ticketChanges[0].fields.removeTags).toEqual(['emergency_strict_definition']);
  });
});

describe('WF-4: not an emergency → downgrade path', () => {
  it('WF-4: without an existing ticket → form self-managed, priority high, stage next reply, stays open', () => {
    const d = decideQualification({ ticket: { ...T, form: 'saas' }, verdict: 'not_emergency' }, TUESDAY, C);
    expect(d.ticketChanges).toHaveLength(1);
    expect(d.ticketChanges[0].fields).toMatchObject({ form: 'self-managed', priority: 'high', stage: 'next-reply', addTags: ['emergency_not_an_emergency'] });
    expect(d.ticketChanges[0].fields.status).toBeUndefined();
    expect(d.comments.map((c) => c.macro)).toEqual(['General::Emergency::Not an Emergency', 'Downgrade emergency ticket']);
    expect(d.comments[0].body).toMatch(/Work continues in this ticket at high priority/);
    expect(d.timersToCancel.map((x) => x.key)).toEqual(['ticket:t-101:silence-followup', 'ticket:t-101:silence-bridge-close']);
  });

  it('WF-4: with an existing related ticket → emergency closed, related ticket gets the chosen priority, linked both ways', () => {
    const d = decideQualification({ ticket: T, verdict: 'not_emergency', relatedTicket: { id: 't-88', number: 88, priority: 'normal' }, downgradePriority: 'high' }, TUESDAY, C);
    const own = d.ticketChanges.find((c) => c.ticketId === 't-101')!.fields;
    const rel = d.ticketChanges.find((c) => c.ticketId === 't-88')!.fields;
    expect(own.status).toBe('closed');
    expect(rel.priority).toBe('high');
    expect(d.comments[0].body).toMatch(/close this emergency ticket and continue the work in your existing ticket 88/);
    expect(d.comments.filter((c) => c.visibility === 'internal').map((c) => c.ticketId).sort()).toEqual(['t-101', 't-101', 't-88']);
    expect(d.records).toContainEqual({ kind: 'link', ticketId: 't-101', otherTicketId: 't-88', relation: 'follow_up' });
  });

  it('WF-4: a normal-priority downgrade promises the normal SLA, not an immediate response', () => {
    const d = decideQualification({ ticket: T, verdict: 'not_emergency', downgradePriority: 'normal' }, TUESDAY, C);
    expect(d.comments[0].body).toMatch(/normal, non-emergency service levels/);
  });
});
