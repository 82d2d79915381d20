import { describe, expect, it } from 'vitest';
import type { SaasCategory } from './config.ts';
import { DEFAULT_EMERGENCY_CONFIG as C } from './config.ts';
import { AMER_ONCALL, ticket, TUESDAY } from './fixtures.test-helpers.ts';
import { decideSaasCategory, decideTwoWayDoorAction, nextStepsFor } from './saas-category.ts';

const T = ticket({ form: 'saas', status: 'open' });

describe('WF-11: SaaS categories', () => {
  const rows: [string, SaasCategory, RegExp, number][] = [
    ['WF-11: regression → bug issue and developer escalation', 'regression', /developer escalation/, 0],
    ['WF-11: customer-specific data → manager on call paged', 'customer_data', /support manager on call/, 1],
    ['WF-11: access/performance degradation → declare an incident', 'access_degradation', /declare an incident/, 0],
    ['WF-11: licence/consumption → 1000 courtesy compute minutes', 'licence_consumption', /1000 compute minutes/, 0],
    ['WF-11: widespread incident → WF-10 bulk response', 'widespread_incident', /bulk-respond/, 0],
  ];
  it.each(rows)('%s', (_n, category, step, pages) => {
    const d = decideSaasCategory({ ticket: T, category, onCall: AMER_ONCALL }, TUESDAY, C);
    expect(d.ticketChanges[0].fields.addTags).toEqual([`saas_emergency_${category}`]);
    expect(nextStepsFor(category, C).join(' ')).toMatch(step);
    expect(d.pages).toHaveLength(pages);
  });

  it('WF-11: re-categorising replaces the previous category tag', () => {
    const d = decideSaasCategory({ ticket: { ...T, tags: ['saas_emergency_regression'] }, category: 'customer_data', onCall: AMER_ONCALL }, TUESDAY, C);
    expect(d.ticketChanges[0].fields.removeTags).toEqual(['saas_emergency_regression']);
  });

  it('WF-11: two-way-door action recorded on a SaaS emergency; refused for self-managed', () => {
    const d = decideTwoWayDoorAction({ ticket: T, deployment: 'saas', action: 'add_compute_minutes', detail: '1000 minutes on globex', by: 'alice.nguyen@example.com' }, TUESDAY, C);
    expect(d.records[0]).toMatchObject({ kind: 'two_way_door', action: 'add_compute_minutes' });
    expect(() => decideTwoWayDoorAction({ ticket: T, deployment: 'self-managed', action: 'x', detail: 'y', by: 'z' }, TUESDAY, C)).toThrow(expect.objectContaining({ code: 'emergency.two_way_door_saas_only' }));
  });
});
