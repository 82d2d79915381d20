import { describe, expect, it } from 'vitest';
import { Temporal } from '../kernel/time.ts';
import { incomingMessage, reminderMessage } from './handoff-message.ts';

const at = (iso: string) => Temporal.Instant.from(iso);

describe('SCH-10 hand-off messages, in the reader’s zone', () => {
  it.each([
    ['New York in winter', '2026-11-24T23:00:00Z', 'America/New_York', 'Tue, 18:00 GMT-5'],
    ['New York in summer', '2026-07-14T22:00:00Z', 'America/New_York', 'Tue, 18:00 GMT-4'],
    ['a half-hour zone', '2026-11-24T23:00:00Z', 'Asia/Kolkata', 'Wed, 04:30 GMT+5:30'],
  ])('SCH-10: the reminder names the end of the shift in %s', (_n, iso, zone, want) => {
    const m = reminderMessage({ scheduleName: 'AMER 1', at: at(iso), readerZone: zone, open: [], incoming: ['bella.cruz@example.com'] });
    expect(m.subject).toBe(`[Hotline] Your AMER 1 shift ends at ${want} (${zone})`);
    expect(m.text).toContain('Next on: bella.cruz@example.com.');
    expect(m.text).toContain('Nothing of yours is open.');
  });

  it('SCH-10: with nobody after them, the outgoing engineer is told to tell their manager', () => {
    const m = reminderMessage({ scheduleName: 'EMEA', at: at('2026-11-24T17:00:00Z'), readerZone: 'Europe/London', open: ['Emergency ticket #7: hand it over before you go'], incoming: [] });
    expect(m.text).toContain('Nobody is scheduled after you');
    expect(m.text).toContain('- Emergency ticket #7: hand it over before you go');
  });

  it('SCH-10: the incoming engineer hears what is open, and that the notice is late when it is', () => {
    const m = incomingMessage({ scheduleName: 'AMER 2', at: at('2026-11-24T23:00:00Z'), readerZone: 'America/Chicago', open: ['Emergency ticket #1: accept DRI', 'Emergency ticket #2: accept DRI'], outgoing: ['alice.nguyen@example.com'], late: true });
    expect(m.subject).toBe('[Hotline] On call now: AMER 2 — 2 open');
    expect(m.text).toMatch(/^You are on call for AMER 2 from Tue, 17:00 GMT-6 \(America\/Chicago\) \(this notice is late/);
    expect(m.text).toContain('Handed over by: alice.nguyen@example.com.');
  });

  it('SCH-10: someone already on call who is handed work is told it is theirs now', () => {
    const m = incomingMessage({ scheduleName: 'AMER 1', at: at('2026-11-24T23:00:00Z'), readerZone: 'UTC', open: ['Emergency ticket #1: accept DRI'], outgoing: ['alice.nguyen@example.com'], late: false, alreadyOn: true });
    expect(m.subject).toBe('[Hotline] Handed over to you: AMER 1 — 1 open');
    expect(m.text).toContain('you are taking over work from it');
  });
});
