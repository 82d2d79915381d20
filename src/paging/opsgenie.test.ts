import { describe, expect, it } from 'vitest';
import { genieKey, readCreateAlert, readIdentifierType } from './opsgenie.ts';

const KEY = 'k'.repeat(32);

describe('PG-8 Opsgenie Alert API: reading requests', () => {
  it.each([
    ['P1', 'critical'], ['P2', 'error'], ['P3', 'error'], ['P4', 'warning'], ['P5', 'info'], ['p1', 'critical'], [undefined, 'error'],
  ])('PG-8: priority %s → severity %s (critical/error page at high urgency)', (priority, severity) => {
    const v = readCreateAlert({ message: 'm', ...(priority ? { priority } : {}) }, KEY);
    expect(v.ok && v.event.payload!.severity).toBe(severity);
  });

  it('PG-8: alias is the dedup key, message the summary, the rest kept under opsgenie', () => {
    const v = readCreateAlert({ message: ' Disk full ', alias: 'a1', entity: 'db1', tags: ['x'], details: { k: 'v' }, note: 'n', responders: [{ type: 'team', name: 'ops' }] }, KEY);
    expect(v).toMatchObject({ ok: true, event: { routingKey: KEY, action: 'trigger', dedupKey: 'a1', payload: { summary: 'Disk full', source: 'db1', customDetails: { opsgenie: { tags: ['x'], details: { k: 'v' }, note: 'n', respondersNotObeyed: [{ type: 'team', name: 'ops' }] } } } } });
  });

  it('PG-8: a field over its limit is a 422 naming it; several at once', () => {
    expect(readCreateAlert({ message: '', alias: 'a'.repeat(513), tags: Array(21).fill('t') }, KEY)).toEqual({ ok: false, errors: {
      message: 'Message can not be empty.', alias: 'alias can be at most 512 characters.', tags: 'At most 20 tags.',
    } });
  });

  it.each([
    ['GenieKey abc', 'abc'], ['geniekey  abc ', 'abc'], ['Bearer abc', null], ['GenieKey', null], [undefined, null],
  ])('PG-8: Authorization %s → key %s', (header, key) => expect(genieKey(header)).toBe(key));

  it.each([[undefined, 'id'], ['alias', 'alias'], ['TINY', 'tiny']])('PG-8: identifierType %s → %s', (t, type) => expect(readIdentifierType(t)).toEqual({ ok: true, type }));
});
