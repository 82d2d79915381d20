// TK-7: the sla section's own rules — durations read and written back alike, defaults written out,
// and a policy that names only calendar-hour targets needs no calendar.
import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration, parseSlaSection, slaConfigOf } from './workspace-sla.ts';
import { DEFAULT_TICKET_FORMS } from './ticket.ts';

describe('sla section', () => {
  it.each([
    ['30m', 30, '30m'], ['4h', 240, '4h'], ['1h30m', 90, '1h30m'], ['90m', 90, '1h30m'], ['24h', 1440, '24h'], [' 2h 15m ', 135, '2h15m'],
  ])('TK-7: %j is %i minutes, written %j', (text, minutes, written) => {
    expect(parseDuration(text, 'p')).toBe(minutes);
    expect(formatDuration(parseDuration(text, 'p'))).toBe(written);
  });

  it.each<[unknown, string]>([['30', 'a bare number'], [30, 'a YAML number'], ['0m', 'zero'], ['2d', 'days'], ['9000h', 'more than a year'], ['', 'nothing']])(
    'TK-7: %j (%s) is refused with sla.bad_target naming the path', (text) => {
      expect(() => parseDuration(text, 'sla.policies[0].targets.high.first_reply')).toThrow(expect.objectContaining({ code: 'sla.bad_target', details: { path: 'sla.policies[0].targets.high.first_reply' } }));
    });

  it('TK-7: a calendar-hours policy needs no calendar; defaults (pauses, arming) are written out', () => {
    const doc = parseSlaSection({ policies: [{ id: 'p', targets: { urgent: { first_reply: '15m', hours: 'calendar' } } }] }, DEFAULT_TICKET_FORMS);
    expect(doc.policies[0]).toEqual({
      id: 'p', name: 'p', forms: null, calendar: '24x7', targets: { urgent: { first_reply: '15m', hours: 'calendar' } }, emergency: null,
      pause: { first_reply: [], next_reply: ['pending', 'on_hold'] }, next_reply_armed_by: 'agent_reply',
    });
    const config = slaConfigOf(doc);
    expect(config.policies[0].firstReply).toEqual({ urgent: { minutes: 15, hours: 'calendar' } });
    expect(config.policies[0].nextReply).toEqual({});
    expect(config.calendars.map((c) => c.id)).toEqual(['24x7']);
    // The normalised form reads back to itself (what makes export → apply a no-op).
    expect(parseSlaSection(JSON.parse(JSON.stringify(doc)), DEFAULT_TICKET_FORMS)).toEqual(doc);
  });
});
