import { describe, expect, it } from 'vitest';
import { DEFAULT_EMERGENCY_CONFIG as C } from './config.ts';
import { ticket, TUESDAY } from './fixtures.test-helpers.ts';
import { canOfferCall, decideCompromisedInstance, decideDedicated, decideManagerEngaged } from './special-handling.ts';

const T = ticket({ status: 'open' });

describe('WF-13: special handling', () => {
  it('WF-13: compromised instance → macro, tag, call guarded, manager mentioned', () => {
    const d = decideCompromisedInstance({ ticket: T, managerOnCall: 'tara.brooks@example.com' }, TUESDAY, C);
    expect(d.comments[0]).toMatchObject({ visibility: 'public', macro: 'Incident::Compromised Instance' });
    expect(d.comments[0].body).toMatch(/shut the instance down/);
    expect(d.ticketChanges[0].fields.addTags).toEqual(['compromised_instance']);
    expect(d.records).toContainEqual({ kind: 'guard', ticketId: 't-101', guard: 'call_needs_manager', active: true });
    expect(d.mentions[0].who).toBe('tara.brooks@example.com');
  });

  const rows: [string, Parameters<typeof canOfferCall>[0], boolean][] = [
    ['WF-13: compromised / single seat same day, manager not engaged → no call', { activeGuards: ['call_needs_manager'] }, false],
    ['WF-13: no guard → call may be offered', { activeGuards: [] }, true],
    ['WF-13: only the trial guard → call may be offered', { activeGuards: ['trial_change_needs_written_confirmation'] }, true],
  ];
  it.each(rows)('%s', (_n, state, ok) => {
    const v = canOfferCall(state);
    expect(v.ok).toBe(ok);
    if (!v.ok) expect(v.code).toBe('call.manager_required');
  });

  it('WF-13/ENT-4: manager engaged → guard lifted, manager follows', () => {
    const d = decideManagerEngaged({ ticket: T, manager: 'tara.brooks@example.com' }, TUESDAY, C);
    expect(d.records).toContainEqual({ kind: 'guard', ticketId: 't-101', guard: 'call_needs_manager', active: false });
    expect(d.ticketChanges[0].fields.addFollowers).toEqual(['tara.brooks@example.com']);
  });

  it('WF-13: dedicated → @spt_focus-dedicated pinged', () => {
    expect(decideDedicated({ ticket: T }, TUESDAY, C).mentions[0].who).toBe('@spt_focus-dedicated');
  });
});
