// The product's must-show paths, each driven through the rules as the service will: decisions are
// applied to a small in-memory ticket/timer state, timers fire when the clock passes them.
import { describe, expect, it } from 'vitest';
import { instant, type Temporal } from '../kernel/time.ts';
import { DEFAULT_EMERGENCY_CONFIG as C } from './config.ts';
import { decideAfterPublicReply, decideBridgeClose, decideCustomerReply, decideSilenceFollowUp } from './customer-silence.ts';
import type { Decision, EmergencyTicket, GuardName, TimerSet } from './decision.ts';
import { decideEntitlement, entitlementVerdict } from './entitlement.ts';
import { AMER_ONCALL, AMER_SINGLE, orgs, SATURDAY, ticket, TUESDAY } from './fixtures.test-helpers.ts';
import { decideIntake } from './intake.ts';
import { decideLicenceEmergency } from './licence.ts';
import { decideQualification } from './qualification.ts';
import { canResolvePage } from './resolution.ts';
import { canOfferCall, decideCompromisedInstance, decideManagerEngaged } from './special-handling.ts';

/** Minimal stand-in for the service + engine: applies a decision, keeps timers by replace key. */
class World {
  tickets = new Map<string, EmergencyTicket>();
  timers = new Map<string, TimerSet>();
  guards = new Set<GuardName>();
  publicReplies = 0;
  log: string[] = [];
  constructor(t: EmergencyTicket) {
    this.tickets.set(t.id, t);
  }
  get(id: string) {
    return this.tickets.get(id)!;
  }
  apply(d: Decision) {
    for (const c of d.ticketChanges) {
      const t = this.get(c.ticketId);
      const f = c.fields;
      const tags = new Set([...t.tags, ...(f.addTags ?? [])]);
      for (const x of f.removeTags ?? []) tags.delete(x);
      this.tickets.set(t.id, { ...t, ...(f.priority ? { priority: f.priority } : {}), ...(f.status ? { status: f.status } : {}), ...(f.form ? { form: f.form } : {}), ...(f.assignee !== undefined ? { assignee: f.assignee } : {}), tags: [...tags] });
    }
    for (const c of d.comments) {
      if (c.visibility === 'public') this.publicReplies++;
      this.log.push(`${c.visibility}:${c.body.slice(0, 40)}`);
    }
    for (const k of d.timersToCancel) this.timers.delete(k.key);
    for (const t of d.timersToSet) this.timers.set(t.key, t);
    for (const r of d.records) if (r.kind === 'guard') (r.active ? this.guards.add(r.guard) : this.guards.delete(r.guard));
  }
  /** Fires every timer due at or before `now`, earliest first. */
  runUntil(now: Temporal.Instant, fire: (t: TimerSet) => Decision) {
    for (;;) {
      const due = [...this.timers.values()].filter((t) => t.at.epochMilliseconds <= now.epochMilliseconds).sort((a, b) => a.at.epochMilliseconds - b.at.epochMilliseconds)[0];
      if (!due) return;
      this.timers.delete(due.key);
      this.apply(fire(due));
    }
  }
}

function silenceWorld() {
  const w = new World(ticket({ status: 'open', assignee: 'bruno.costa@example.com' }));
  const replied = { value: false };
  const fire = (t: TimerSet) => {
    const input = { ticket: w.get('t-101'), scheduledAt: t.at, customerRepliedSinceFirstReply: replied.value, bridgeUrl: 'https://bridge.example/101', channel: '#support_self-managed' };
    return t.kind === 'silence-followup' ? decideSilenceFollowUp(input, t.at, C) : decideBridgeClose(input, t.at, C);
  };
  // First public reply at TUESDAY.
  w.apply(decideAfterPublicReply({ ticket: w.get('t-101'), isFirstPublicReply: true }, TUESDAY, C));
  return { w, replied, fire };
}

describe('Must-show paths', () => {
  it('WF-5: customer silent 30 minutes → follow-up at 15, bridge closed and priority high at 30', () => {
    const { w, fire } = silenceWorld();
    w.runUntil(TUESDAY.add({ minutes: 14 }), fire);
    expect(w.log.some((l) => l.startsWith('public:We have not heard back'))).toBe(false);
    w.runUntil(TUESDAY.add({ minutes: 15 }), fire);
    expect(w.log.filter((l) => l.startsWith('public:We have not heard back'))).toHaveLength(1);
    expect(w.get('t-101').priority).toBe('urgent');
    w.runUntil(TUESDAY.add({ minutes: 30 }), fire);
    expect(w.get('t-101').priority).toBe('high');
    expect(w.timers.size).toBe(0);
  });

  it('WF-5: customer answers at minute 14 → no follow-up, no bridge close, priority stays urgent', () => {
    const { w, replied, fire } = silenceWorld();
    w.runUntil(TUESDAY.add({ minutes: 14 }), fire);
    replied.value = true;
    w.apply(decideCustomerReply({ ticket: w.get('t-101') }, TUESDAY.add({ minutes: 14 }), C));
    expect(w.timers.size).toBe(0);
    w.runUntil(TUESDAY.add({ hours: 2 }), fire);
    expect(w.get('t-101').priority).toBe('urgent');
    expect(w.log).toEqual([]);
  });

  it('WF-4: needs more info, then exception → both tags remain, page resolvable after the first reply', () => {
    const w = new World(ticket({ status: 'open' }));
    expect(canResolvePage({ pageStatus: 'acknowledged', publicReplyCount: w.publicReplies }).ok).toBe(false);
    w.apply(decideQualification({ ticket: w.get('t-101'), verdict: 'needs_more_info' }, TUESDAY, C));
    expect(canResolvePage({ pageStatus: 'acknowledged', publicReplyCount: w.publicReplies }).ok).toBe(true);
    w.apply(decideQualification({ ticket: w.get('t-101'), verdict: 'exception', criterion: 'unusable_for_business' }, TUESDAY.add({ minutes: 20 }), C));
    expect(w.get('t-101').tags.sort()).toEqual(['emergency_exception', 'emergency_exception_unusable_for_business', 'emergency_needs_more_info']);
  });

  it('WF-4: not an emergency while silence timers run → timers cancelled, nothing fires later', () => {
    const { w, fire } = silenceWorld();
    w.apply(decideQualification({ ticket: w.get('t-101'), verdict: 'not_emergency' }, TUESDAY.add({ minutes: 5 }), C));
    w.runUntil(TUESDAY.add({ hours: 1 }), fire);
    expect(w.get('t-101')).toMatchObject({ priority: 'high', form: 'self-managed' });
    expect(w.log.some((l) => /not heard back/.test(l))).toBe(false);
  });

  it('ENT-4/WF-13: single seat same day → no call until the manager is engaged', () => {
    const O = orgs(TUESDAY);
    const w = new World(ticket({ orgId: 'org-solo' }));
    w.apply(decideEntitlement({ ticket: w.get('t-101'), org: O.solo, managerOnCall: 'tara.brooks@example.com' }, TUESDAY, C).decision);
    expect(canOfferCall({ activeGuards: [...w.guards] }).ok).toBe(false);
    w.apply(decideManagerEngaged({ ticket: w.get('t-101'), manager: 'tara.brooks@example.com' }, TUESDAY, C));
    expect(canOfferCall({ activeGuards: [...w.guards] }).ok).toBe(true);
  });

  it('WF-13: compromised instance → macro sent, call blocked until manager engaged', () => {
    const w = new World(ticket({ status: 'open' }));
    w.apply(decideCompromisedInstance({ ticket: w.get('t-101'), managerOnCall: 'tara.brooks@example.com' }, TUESDAY, C));
    expect(canOfferCall({ activeGuards: [...w.guards] })).toMatchObject({ ok: false, code: 'call.manager_required' });
  });

  it('ENT-2 / ENT-3: free user solved; below-premium lowered and not paged', () => {
    const O = orgs(TUESDAY);
    const free = new World(ticket({ orgId: null, requesterEmail: 'walkin@mail.example' }));
    free.apply(decideEntitlement({ ticket: free.get('t-101'), org: null, requesterIsFreeUser: true }, TUESDAY, C).decision);
    expect(free.get('t-101').status).toBe('solved');
    const starter = new World(ticket({ orgId: 'org-umbrella' }));
    const ent = decideEntitlement({ ticket: starter.get('t-101'), org: O.umbrella }, TUESDAY, C);
    starter.apply(ent.decision);
    expect(starter.get('t-101').priority).toBe('normal');
    const intake = decideIntake({ ticket: starter.get('t-101'), org: O.umbrella, entitlement: ent.verdict, onCall: AMER_ONCALL, openEmergencies: [], plannedWork: [] }, TUESDAY, C);
    expect(intake.decision.pages).toEqual([]);
  });

  it('WF-12: licence expired 10 vs 20 days on a Saturday', () => {
    const O = orgs(SATURDAY);
    const t = ticket({ form: 'licensing', status: 'open' });
    expect(decideLicenceEmergency({ ticket: t, org: O.wayne, onCall: AMER_ONCALL }, SATURDAY, C).path).toBe('weekend_in_grace');
    expect(decideLicenceEmergency({ ticket: t, org: O.stark, onCall: AMER_ONCALL }, SATURDAY, C).path).toBe('weekend_licence_request');
    // Both are still paged: the licence workflow decides, not the automatic downgrade.
    expect(entitlementVerdict({ ticket: t, org: O.stark }, SATURDAY, C).page).toBe(true);
  });

  it('WF-14: US-government 12x5 at 02:00 PT → not paged; follow-up page when business hours start', () => {
    const O = orgs(TUESDAY);
    const t = ticket({ form: 'us-government', orgId: 'org-cyberdyne' });
    const twoAm = instant('2026-11-24T10:00:00Z');
    const { decision } = decideIntake({ ticket: t, org: O.cyberdyne, entitlement: entitlementVerdict({ ticket: t, org: O.cyberdyne }, twoAm, C), onCall: AMER_SINGLE, openEmergencies: [], plannedWork: [] }, twoAm, C);
    expect(decision.pages).toEqual([]);
    expect(decision.timersToSet[0].at.toString()).toBe('2026-11-24T13:00:00Z');
  });
});
