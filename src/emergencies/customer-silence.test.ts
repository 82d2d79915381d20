import { describe, expect, it } from 'vitest';
import { DEFAULT_EMERGENCY_CONFIG as C, emergencyConfig } from './config.ts';
import { bridgeCloseText, decideAfterPublicReply, decideBridgeClose, decideCustomerReply, decideSilenceFollowUp, silenceFollowUpText } from './customer-silence.ts';
import { ticket, TUESDAY } from './fixtures.test-helpers.ts';

const T = ticket({ status: 'open', assignee: 'bruno.costa@example.com' });
const reply = TUESDAY; // first public reply at 17:00Z
const at = (min: number) => reply.add({ minutes: min });
const timerInput = (scheduledMin: number, replied = false) => ({ ticket: T, scheduledAt: at(scheduledMin), customerRepliedSinceFirstReply: replied, bridgeUrl: 'https://bridge.example/e/101', channel: '#support_self-managed' });

describe('WF-5: customer silence', () => {
  it('WF-5: the first public reply arms follow-up at +15 and bridge close at +30', () => {
    const d = decideAfterPublicReply({ ticket: T, isFirstPublicReply: true }, reply, C);
    expect(d.timersToSet.map((t) => [t.key, t.at.toString(), t.onLate])).toEqual([
      ['ticket:t-101:silence-followup', '2026-11-24T17:15:00Z', 'fire'],
      ['ticket:t-101:silence-bridge-close', '2026-11-24T17:30:00Z', 'fire'],
    ]);
  });

  it('WF-5: later public replies do not re-arm the timers', () => {
    expect(decideAfterPublicReply({ ticket: T, isFirstPublicReply: false }, at(5), C).timersToSet).toEqual([]);
  });

  it('WF-5: customer silent 15 min → follow-up with bridge link, other arrangements, 15 more minutes, new emergency', () => {
    const d = decideSilenceFollowUp(timerInput(15), at(15), C);
    const body = d.comments[0].body;
    expect(d.comments[0].visibility).toBe('public');
    expect(body).toMatch(/https:\/\/bridge.example\/e\/101/);
    expect(body).toMatch(/other arrangements/);
    expect(body).toMatch(/another 15 minutes .* HIGH priority/);
    expect(body).toMatch(/open a new emergency request/);
    expect(d.runbookTicks).toEqual([{ ticketId: 't-101', item: 'follow_up_sent' }]);
    expect(d.timersToSet).toEqual([]);
  });

  it('WF-5: customer silent 30 minutes → bridge closed and priority high', () => {
    const d = decideBridgeClose(timerInput(30), at(30), C);
    expect(d.ticketChanges).toEqual([{ ticketId: 't-101', fields: { priority: 'high' } }]);
    expect(d.comments[0].body).toMatch(/closed the bridge/);
    expect(d.threadPosts[0].mode).toBe('reply');
  });

  it('WF-5: customer answers at minute 14 → both timers cancelled', () => {
    const d = decideCustomerReply({ ticket: T }, at(14), C);
    expect(d.timersToCancel.map((c) => c.key)).toEqual(['ticket:t-101:silence-followup', 'ticket:t-101:silence-bridge-close']);
  });

  it('WF-5: a timer that fires although the customer replied does nothing', () => {
    expect(decideSilenceFollowUp(timerInput(15, true), at(15), C).comments).toEqual([]);
    expect(decideBridgeClose(timerInput(30, true), at(30), C).ticketChanges).toEqual([]);
  });

  it('WF-5: a ticket already downgraded or solved is left alone', () => {
    expect(decideBridgeClose({ ...timerInput(30), ticket: { ...T, priority: 'high' } }, at(30), C).comments).toEqual([]);
    expect(decideSilenceFollowUp({ ...timerInput(15), ticket: { ...T, status: 'solved' } }, at(15), C).comments).toEqual([]);
  });

  it('WF-5: follow-up fired 40 minutes late → sent, marked late, bridge close re-armed 15 min after it', () => {
    const d = decideSilenceFollowUp(timerInput(15), at(55), C);
    expect(d.comments.some((c) => c.visibility === 'internal' && /40 minutes late/.test(c.body))).toBe(true);
    expect(d.timersToSet[0]).toMatchObject({ key: 'ticket:t-101:silence-bridge-close' });
    expect(d.timersToSet[0].at.toString()).toBe(at(70).toString());
  });

  it('WF-5: minutes are configuration', () => {
    const d = decideAfterPublicReply({ ticket: T, isFirstPublicReply: true }, reply, emergencyConfig({ silence: { followUpAfterMinutes: 10, bridgeCloseAfterFollowUpMinutes: 20 } }));
    expect(d.timersToSet.map((t) => t.at.toString())).toEqual(['2026-11-24T17:10:00Z', '2026-11-24T17:30:00Z']);
  });

  // WF-5: the follow-up names the bridge only when there is one; otherwise it never claims one.
  it.each([
    ['a bridge', 'https://meet.example.com/hotline-101', [/join the bridge we created for this emergency:\nhttps:\/\/meet\.example\.com\/hotline-101\n/, /other arrangements/, /the bridge will be closed and this ticket will be set to HIGH priority/, /open a new emergency request/], []],
    ['no bridge', null, [/If a call would help, reply here with a time that suits you/, /other arrangements/, /After another 15 minutes without a response this ticket will be set to HIGH priority/, /open a new emergency request/], [/bridge/i, /created/]],
  ] as const)('WF-5: follow-up text with %s', (_name, url, must, mustNot) => {
    const text = silenceFollowUpText(url, C);
    for (const re of must) expect(text).toMatch(re);
    for (const re of mustNot) expect(text).not.toMatch(re);
    expect(decideSilenceFollowUp({ ...timerInput(15), bridgeUrl: url }, at(15), C).comments[0].body).toBe(text);
  });

  it.each([
    ['a bridge', 'https://meet.example.com/hotline-101', /we have closed the bridge and set this ticket to high priority/, 'No customer response: bridge closed, ticket 101 set to high priority.'],
    ['no bridge', null, /^As we have not heard back, we have set this ticket to high priority\./, 'No customer response: ticket 101 set to high priority.'],
  ] as const)('WF-5: bridge-close text with %s', (_name, url, customer, thread) => {
    const d = decideBridgeClose({ ...timerInput(30), bridgeUrl: url }, at(30), C);
    expect(d.comments[0].body).toBe(bridgeCloseText(url, C));
    expect(d.comments[0].body).toMatch(customer);
    if (!url) expect(d.comments[0].body).not.toMatch(/bridge/i);
    expect(d.threadPosts[0].text).toBe(thread);
  });

  it('WF-5: the priority after close is configuration, in the words too', () => {
    const c = emergencyConfig({ silence: { priorityAfterClose: 'normal', bridgeCloseAfterFollowUpMinutes: 20 } });
    expect(silenceFollowUpText(null, c)).toMatch(/another 20 minutes .* NORMAL priority/);
    expect(bridgeCloseText('https://meet.example.com/x', c)).toMatch(/normal priority/);
  });
});
