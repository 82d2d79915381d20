import { describe, expect, it } from 'vitest';
import { DEFAULT_EMERGENCY_CONFIG as C, emergencyConfig } from './config.ts';
import { decideAcknowledge, decideEscalateInsteadOfAck, decideMightBecomeEmergency, decidePageBackupPool, decideRouting, planAssignment } from './concurrency.ts';
import { AMER_ONCALL, AMER_SINGLE, APAC_WEEKEND, SATURDAY, ticket, TUESDAY } from './fixtures.test-helpers.ts';

const T = ticket({ id: 't-2', number: 2 });

describe('SCH-3 / WF-6: assignment plan', () => {
  const rows: [string, typeof AMER_ONCALL, { ticketId: string; owner: string }[], string, string | null][] = [
    ['SCH-3: DRI free → DRI takes the first emergency', AMER_ONCALL, [], 'dri', 'bruno.costa@example.com'],
    ['SCH-3: DRI busy → a free overlapping engineer takes it', AMER_ONCALL, [{ ticketId: 't-1', owner: 'bruno.costa@example.com' }], 'concurrent_engineer', 'alice.nguyen@example.com'],
    ['WF-6: single-engineer hour, engineer busy → manager on call', AMER_SINGLE, [{ ticketId: 't-1', owner: 'alice.nguyen@example.com' }], 'manager', 'tara.brooks@example.com'],
    ['WF-6: the ticket itself does not make its owner busy', AMER_SINGLE, [{ ticketId: 't-2', owner: 'alice.nguyen@example.com' }], 'dri', 'alice.nguyen@example.com'],
  ];
  it.each(rows)('%s', (_n, onCall, open, kind, who) => {
    const p = planAssignment('t-2', onCall, open, C);
    expect(p.kind).toBe(kind);
    expect(p.kind === 'manager' ? p.manager : p.engineer).toBe(who);
  });
});

describe('WF-6: routing decisions', () => {
  it('WF-6: concurrent emergency in a single-engineer hour → manager paged, regional group pinged, no backup pool on an AMER weekday', () => {
    const { decision } = decideRouting({ ticket: T, onCall: AMER_SINGLE, openEmergencies: [{ ticketId: 't-1', owner: 'alice.nguyen@example.com' }], rotation: 'customer-emergencies' }, TUESDAY, C);
    expect(decision.pages).toEqual([expect.objectContaining({ target: { kind: 'manager_on_call', id: 'support-managers' }, assignTo: 'tara.brooks@example.com' })]);
    expect(decision.mentions[0].who).toBe('@support-team-americas');
    expect(decision.notices.some((n) => n.code === 'concurrency.backup_pool_available')).toBe(false);
  });

  it('WF-6, SCH-5: a concurrent US-government emergency → the US-government manager schedule, @support-team-usgov pinged, no backup pool', () => {
    const usgov = { engineers: ['quinn.harris@example.com'], dri: null, manager: 'walter.kim@example.com', singleEngineer: true, region: null };
    const open = [{ ticketId: 't-1', owner: 'quinn.harris@example.com' }];
    const withSchedule = emergencyConfig({ rotations: { usGovernmentManagers: 'us-government-managers' } });
    const { plan, decision } = decideRouting({ ticket: T, onCall: usgov, openEmergencies: open, rotation: 'us-government' }, SATURDAY, withSchedule);
    expect(plan).toEqual({ kind: 'manager', manager: 'walter.kim@example.com', group: '@support-team-usgov' });
    expect(decision.pages).toEqual([expect.objectContaining({ target: { kind: 'manager_on_call', id: 'us-government-managers' }, assignTo: 'walter.kim@example.com' })]);
    expect(decision.mentions.map((m) => m.who)).toEqual(['@support-team-usgov']);
    expect(decision.notices.some((n) => n.code === 'concurrency.backup_pool_available')).toBe(false);
    // No US-government manager schedule configured: the support manager on call, still the US-government group.
    const byDefault = decideRouting({ ticket: T, onCall: usgov, openEmergencies: open, rotation: 'us-government' }, TUESDAY, C).decision;
    expect(byDefault.pages[0].target).toEqual({ kind: 'manager_on_call', id: 'support-managers' });
    expect(byDefault.mentions.map((m) => m.who)).toEqual(['@support-team-usgov']);
  });

  it('WF-6: APAC weekend concurrent emergency → manager is told the backup pool may be paged (never paged automatically)', () => {
    const { decision } = decideRouting({ ticket: T, onCall: APAC_WEEKEND, openEmergencies: [{ ticketId: 't-1', owner: 'kenji.sato@example.com' }], rotation: 'customer-emergencies' }, SATURDAY, C);
    expect(decision.pages.map((p) => p.target.kind)).toEqual(['manager_on_call']);
    expect(decision.notices.find((n) => n.code === 'concurrency.backup_pool_available')!.audience).toBe('manager');
  });

  it('WF-6: whoever acknowledges owns the emergency', () => {
    const d = decideAcknowledge({ ticket: T, by: 'frank.osei@example.com', channel: '#support_self-managed' }, TUESDAY, C);
    expect(d.ticketChanges[0].fields.assignee).toBe('frank.osei@example.com');
    expect(d.runbookTicks).toEqual([{ ticketId: 't-2', item: 'acknowledged' }]);
  });

  it('PG-4: escalate instead of acknowledge → manager paged with the reason', () => {
    const d = decideEscalateInsteadOfAck({ ticket: T, by: 'kenji.sato@example.com', onCall: APAC_WEEKEND, rotation: 'customer-emergencies' }, SATURDAY, C);
    expect(d.pages[0].reason).toMatch(/PG-4/);
    expect(d.pages[0].assignTo).toBe('valerie.ng@example.com');
  });

  it('PG-3: only a manager pages the backup pool', () => {
    expect(() => decidePageBackupPool({ ticket: T, actor: { email: 'kenji.sato@example.com', role: 'engineer' }, region: 'APAC' }, SATURDAY, C)).toThrow(/Only the support manager/);
    const d = decidePageBackupPool({ ticket: T, actor: { email: 'valerie.ng@example.com', role: 'manager' }, region: 'APAC' }, SATURDAY, C);
    expect(d.pages[0].target).toEqual({ kind: 'backup_pool', id: 'apac-backup' });
    expect(d.mentions[0].who).toBe('@support-apac-backup');
  });

  it('PG-3: backup pool is a weekend APAC pool (weekday or AMER is refused)', () => {
    const mgr = { email: 'valerie.ng@example.com', role: 'manager' as const };
    expect(() => decidePageBackupPool({ ticket: T, actor: mgr, region: 'APAC' }, TUESDAY, C)).toThrow(/backup pool covers APAC at weekends/);
    expect(() => decidePageBackupPool({ ticket: T, actor: mgr, region: 'AMER' }, SATURDAY, C)).toThrow();
  });
});

describe('WF-7: might become an emergency', () => {
  const base = { ticket: T, onCall: AMER_ONCALL, engineer: 'bruno.costa@example.com' };
  it('WF-7: weekday → high priority, manager finds an engineer', () => {
    const d = decideMightBecomeEmergency({ ...base, engineerBusy: false }, TUESDAY, C);
    expect(d.ticketChanges[0].fields).toMatchObject({ priority: 'high', assignee: 'tara.brooks@example.com' });
    expect(d.mentions[0].who).toBe('tara.brooks@example.com');
  });
  it('WF-7: weekend (New York) → on-call engineer treats it as high priority', () => {
    const d = decideMightBecomeEmergency({ ...base, engineerBusy: false }, SATURDAY, C);
    expect(d.ticketChanges[0].fields).toMatchObject({ priority: 'high', assignee: 'bruno.costa@example.com' });
    expect(d.mentions).toEqual([]);
  });
  it('WF-7: weekend, engineer busy → manager', () => {
    const d = decideMightBecomeEmergency({ ...base, engineerBusy: true }, SATURDAY, C);
    expect(d.mentions[0].who).toBe('tara.brooks@example.com');
  });
});
