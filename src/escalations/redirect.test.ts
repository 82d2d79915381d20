// SM-4: the redirect's rules — which Slack events ask for the reply, which Hotline entries may be
// redirected, and the reply's words (anonymous, the form linked).
import { describe, expect, it } from 'vitest';
import { DEFAULT_REDIRECT, readSlackEvent, redirectRefusal, redirectReplyText } from './redirect.ts';

const callback = (event: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ type: 'event_callback', event_id: 'Ev01', event, ...extra });
const added = (reaction: string, item: Record<string, unknown> = { type: 'message', channel: 'C1', ts: '1.000001' }) => ({ type: 'reaction_added', user: 'U1', reaction, item });

describe('SM-4 Slack events', () => {
  it.each([
    ['url_verification → the challenge', { type: 'url_verification', challenge: 'abc' }, { kind: 'challenge', challenge: 'abc' }],
    [':escalate: on a message → redirect', callback(added('escalate')), { kind: 'redirect', eventId: 'Ev01', channel: 'C1', ts: '1.000001', user: 'U1' }],
    [':escalate: with a skin tone → redirect', callback(added('escalate::skin-tone-3')), { kind: 'redirect', eventId: 'Ev01', channel: 'C1', ts: '1.000001', user: 'U1' }],
  ] as const)('%s', (_n, body, want) => {
    expect(readSlackEvent(body, 'escalate')).toEqual(want);
  });

  it.each([
    ['another reaction', callback(added('eyes'))],
    ['a reaction on a file', callback(added('escalate', { type: 'file', file: 'F1' }))],
    ['reaction_removed', callback({ ...added('escalate'), type: 'reaction_removed' })],
    ['app_rate_limited envelope', { type: 'app_rate_limited', minute_rate_limited: 1 }],
  ])('SM-4: %s is ignored', (_n, body) => {
    expect(readSlackEvent(body, 'escalate').kind).toBe('ignore');
  });

  it.each([
    ['not an object', 'hello'],
    ['a list', []],
    ['url_verification without a challenge', { type: 'url_verification' }],
    ['event_callback without event_id', { type: 'event_callback', event: added('escalate') }],
    ['reaction without channel and ts', callback(added('escalate', { type: 'message' }))],
  ])('SM-4: %s is bad', (_n, body) => {
    expect(readSlackEvent(body, 'escalate').kind).toBe('bad');
  });
});

describe('SM-4 redirect of a Hotline thread entry', () => {
  it.each([
    ['a note in an ordinary channel', { channel: '#support_self-managed', kind: 'note', author: 'a@x' }, null],
    ['a help-thread message', { channel: '#support_gitlab-com', kind: 'channel', author: 'a@x' }, null],
    ['a message in the escalations channel', { channel: '#support_escalations', kind: 'note', author: 'a@x' }, 'escalations_channel'],
    ['a Hotline notice', { channel: '#support_self-managed', kind: 'notice', author: null }, 'anonymous_entry'],
  ] as const)('%s', (_n, entry, want) => {
    expect(redirectRefusal(entry, '#support_escalations')).toBe(want);
  });

  it('SM-4: the standard reply links the form and the escalations channel, and names nobody', () => {
    const t = redirectReplyText(DEFAULT_REDIRECT, { formUrl: 'https://h.example/escalations/new', channel: '#support_escalations' });
    expect(t).toContain('https://h.example/escalations/new');
    expect(t).toContain('#support_escalations');
    expect(t).not.toContain('{');
  });
});
