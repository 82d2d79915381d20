// SM-7: the security incident's rules — how the communications manager is named, the response
// checked, which tickets the bulk response goes to, and the internal note each ticket gets.
import { describe, expect, it } from 'vitest';
import { affectedNoteText, checkResponseText, commsManagerShape, securityLabel, ticketsToAnswer } from './security-incident.ts';

describe('SM-7 security incidents', () => {
  it.each([
    ['a staff e-mail → a person', { email: 'Lena.Fox@example.com' }, { ok: true, way: 'person', name: null, email: 'lena.fox@example.com' }],
    ['a name → an outside contact', { name: ' Dana (CMOC) ' }, { ok: true, way: 'contact', name: 'Dana (CMOC)', email: null }],
    ['a name and e-mail → an outside contact reachable by mail', { name: 'Dana', email: 'dana@pr.example' }, { ok: true, way: 'contact', name: 'Dana', email: 'dana@pr.example' }],
    ['nothing → missing', {}, { ok: false, problem: 'missing' }],
    ['blank → missing', { name: '  ', email: '' }, { ok: false, problem: 'missing' }],
    ['not an address → bad_email', { email: 'dana' }, { ok: false, problem: 'bad_email' }],
  ] as const)('SM-7 comms manager: %s', (_n, input, want) => {
    expect(commsManagerShape(input)).toEqual(want);
  });

  it('SM-7: the response must say something and fit one message', () => {
    expect(checkResponseText('  Rotate your tokens.  ', 100)).toEqual({ ok: true, text: 'Rotate your tokens.' });
    expect(checkResponseText('   ', 100)).toEqual({ ok: false, why: 'empty' });
    expect(checkResponseText(undefined, 100)).toEqual({ ok: false, why: 'empty' });
    expect(checkResponseText('x'.repeat(101), 100)).toEqual({ ok: false, why: 'too_long' });
  });

  it('SM-7: the bulk response goes only to tickets not answered yet', () => {
    expect(ticketsToAnswer([{ ticketId: 'a', respondedAt: '2026-11-24T15:00:00Z' }, { ticketId: 'b', respondedAt: null }])).toEqual(['b']);
    expect(ticketsToAnswer([])).toEqual([]);
  });

  it('SM-7: the internal note names the coordinator and the communications manager', () => {
    const t = affectedNoteText({ label: securityLabel(3), title: 'Token exposure', coordinator: 'Tara Brooks', comms: { kind: 'contact', name: 'Dana', email: null }, url: 'https://h/security-incidents/3' });
    expect(t).toContain('Security incident S-3: Token exposure');
    expect(t).toContain('Tara Brooks');
    expect(t).toContain('Dana (outside contact)');
  });
});
