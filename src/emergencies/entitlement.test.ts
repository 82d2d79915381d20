import { describe, expect, it } from 'vitest';
import { DEFAULT_EMERGENCY_CONFIG as C, emergencyConfig } from './config.ts';
import { decideEntitlement, entitlementVerdict, type EntitlementKind } from './entitlement.ts';
import { orgs, SATURDAY, ticket, TUESDAY } from './fixtures.test-helpers.ts';

const O = orgs(TUESDAY);

describe('entitlement verdicts', () => {
  const rows: [string, keyof typeof O | null, EntitlementKind, boolean, boolean][] = [
    // name, org, kind, emergencySupport, page
    ['ENT-1: premium 24x7 customer is entitled', 'acme', 'entitled', true, true],
    ['ENT-1: ultimate SaaS customer is entitled', 'globex', 'entitled', true, true],
    ['ENT-2: requester with no organisation → needs-org, still paged', null, 'needs_org', false, true],
    ['ENT-3: free organisation is below the entitled tier', 'hooli', 'below_tier', false, false],
    ['ENT-3: starter organisation is below premium', 'umbrella', 'below_tier', false, false],
    ['ENT-4: single seat bought today is flagged', 'solo', 'single_seat_same_day', true, true],
    ['ENT-5: paid subscription ended 10 days ago is inside grace', 'wayne', 'expired_in_grace', true, true],
    ['ENT-5: paid subscription ended 20 days ago is beyond grace', 'stark', 'expired_beyond_grace', false, false],
    ['ENT-1: an active trial carries no emergency support', 'soylent', 'trial_active', false, false],
  ];
  it.each(rows)('%s', (_n, key, kind, support, page) => {
    const v = entitlementVerdict({ ticket: ticket(), org: key ? O[key] : null }, TUESDAY, C);
    expect(v.kind).toBe(kind);
    expect(v.emergencySupport).toBe(support);
    expect(v.page).toBe(page);
  });

  it('ENT-2: requester found to be a free user → free_user', () => {
    expect(entitlementVerdict({ ticket: ticket(), org: null, requesterIsFreeUser: true }, TUESDAY, C).kind).toBe('free_user');
  });

  it('ENT-5: grace ends on the 14th day after the end date (day 14 in, day 15 out)', () => {
    const base = O.acme.subscription!;
    const at = (daysAgo: number) =>
      entitlementVerdict(
        { ticket: ticket(), org: { ...O.acme, subscription: { ...base, endsOn: TUESDAY.toZonedDateTimeISO('UTC').toPlainDate().subtract({ days: daysAgo }).toString() } } },
        TUESDAY,
        C,
      );
    expect(at(14).kind).toBe('expired_in_grace');
    expect(at(14).graceEndsOn).toBe('2026-11-24');
    expect(at(15).kind).toBe('expired_beyond_grace');
  });

  it('ENT-5: an expired trial gets no grace (grace only for paid non-trial)', () => {
    const trial = { ...O.soylent, subscription: { ...O.soylent.subscription!, endsOn: '2026-11-20' } };
    const v = entitlementVerdict({ ticket: ticket(), org: trial }, TUESDAY, C);
    expect(v.kind).toBe('trial_expired');
    expect(v.emergencySupport).toBe(false);
  });

  it('ENT-5: grace length is configuration (older workspaces may choose 30)', () => {
    const v = entitlementVerdict({ ticket: ticket(), org: O.stark }, TUESDAY, emergencyConfig({ entitlement: { graceDays: 30 } }));
    expect(v.kind).toBe('expired_in_grace');
  });

  it('ENT-4: a single seat bought yesterday is not flagged', () => {
    const solo = orgs(SATURDAY).solo; // bought on Saturday
    expect(entitlementVerdict({ ticket: ticket(), org: solo }, TUESDAY, C).kind).toBe('entitled');
  });

  it('WF-12: licence emergency beyond grace is still paged (licence workflow decides)', () => {
    const v = entitlementVerdict({ ticket: ticket({ form: 'licensing' }), org: O.stark }, TUESDAY, C);
    expect(v.page).toBe(true);
  });
});

describe('WF-3: decideEntitlement effects', () => {
  it('ENT-2: needs-org → tag and message that emergency help waits until linked', () => {
    const { decision } = decideEntitlement({ ticket: ticket({ orgId: null, requesterEmail: 'walkin@mail.example' }), org: null }, TUESDAY, C);
    expect(decision.ticketChanges[0].fields.addTags).toContain('needs_org');
    expect(decision.comments.find((c) => c.visibility === 'public')!.body).toMatch(/cannot deliver emergency assistance until/);
    expect(decision.runbookTicks).toEqual([{ ticketId: 't-101', item: 'entitlement_checked' }]);
  });

  it('ENT-2: free user → ticket solved', () => {
    const { decision } = decideEntitlement({ ticket: ticket(), org: null, requesterIsFreeUser: true }, TUESDAY, C);
    expect(decision.ticketChanges[0].fields.status).toBe('solved');
  });

  it('ENT-3: below premium → priority lowered and a kind message', () => {
    const { decision } = decideEntitlement({ ticket: ticket(), org: O.umbrella }, TUESDAY, C);
    expect(decision.ticketChanges[0].fields.priority).toBe('normal');
    expect(decision.comments.some((c) => c.visibility === 'public' && /does not include emergency support/.test(c.body))).toBe(true);
  });

  it('ENT-3: with auto-apply off, the engineer is paged and only shown the verdict', () => {
    const cfg = emergencyConfig({ entitlement: { autoApplyNotEntitled: false } });
    const { verdict, decision } = decideEntitlement({ ticket: ticket(), org: O.umbrella }, TUESDAY, cfg);
    expect(verdict.page).toBe(true);
    expect(decision.ticketChanges).toEqual([]);
  });

  it('ENT-4/WF-13: single seat same day → flag, call guard, manager mentioned', () => {
    const { decision } = decideEntitlement({ ticket: ticket(), org: O.solo, managerOnCall: 'tara.brooks@example.com' }, TUESDAY, C);
    expect(decision.ticketChanges[0].fields.addTags).toContain('single_seat_same_day');
    expect(decision.records).toContainEqual({ kind: 'guard', ticketId: 't-101', guard: 'call_needs_manager', active: true });
    expect(decision.mentions[0].who).toBe('tara.brooks@example.com');
  });

  it('WF-3: entitled → only the check is recorded', () => {
    const { decision } = decideEntitlement({ ticket: ticket(), org: O.acme }, TUESDAY, C);
    expect(decision.ticketChanges).toEqual([]);
    expect(decision.comments).toHaveLength(1);
    expect(decision.comments[0].visibility).toBe('internal');
  });
});
