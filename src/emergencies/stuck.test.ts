import { describe, expect, it } from 'vitest';
import { DEFAULT_EMERGENCY_CONFIG as C } from './config.ts';
import { AMER_ONCALL, SATURDAY, ticket, TUESDAY } from './fixtures.test-helpers.ts';
import { decideStuck, stuckOptions } from './stuck.ts';

const T = ticket({ form: 'saas', status: 'open' });

describe('WF-15: stuck', () => {
  const rows: [string, 'saas' | 'self-managed', typeof SATURDAY, string[]][] = [
    ['WF-15: SaaS at the weekend → CMOC shown first', 'saas', SATURDAY, ['cmoc', 'manager_on_call', 'developer_escalation']],
    ['WF-15: SaaS on a weekday → no CMOC', 'saas', TUESDAY, ['manager_on_call', 'developer_escalation']],
    ['WF-15: self-managed at the weekend → no CMOC', 'self-managed', SATURDAY, ['manager_on_call', 'developer_escalation']],
  ];
  it.each(rows)('%s', (_n, deployment, now, options) => {
    expect(stuckOptions({ ticket: T, deployment, onCall: AMER_ONCALL }, now, C).map((o) => o.option)).toEqual(options);
  });

  it('WF-15: one action reaches the manager on call', () => {
    const d = decideStuck({ ticket: T, deployment: 'saas', onCall: AMER_ONCALL, action: 'manager_on_call', by: 'alice.nguyen@example.com', channel: '#support_gitlab-com' }, TUESDAY, C);
    expect(d.pages[0]).toMatchObject({ target: { kind: 'manager_on_call' }, assignTo: 'tara.brooks@example.com' });
  });

  it('WF-15: developer escalation is recorded and announced', () => {
    const d = decideStuck({ ticket: T, deployment: 'saas', onCall: AMER_ONCALL, action: 'developer_escalation', by: 'alice.nguyen@example.com', channel: '#support_gitlab-com' }, TUESDAY, C);
    expect(d.records[0]).toEqual({ kind: 'developer_escalation', ticketId: 't-101', requestedBy: 'alice.nguyen@example.com', manager: 'tara.brooks@example.com' });
    expect(d.threadPosts).toHaveLength(1);
  });
});
