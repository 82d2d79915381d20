// Notification rules in a workspace file (PG-6). Two kinds of entry:
//   { role: engineer, rules: [{kind: sms, delay_minutes: 2}] }  — a default for everyone of that
//     role who has set none of their own (people's own choices win over the file);
//   { user: alice@example.com, rules: [{kind: sms, address: '+1…', delay_minutes: 2}] } — exactly
//     this person's rules. `hotline export` writes these, one per person with rules, so an export
//     applied to an empty database gives everyone the rules they had (the role defaults are not
//     stored anywhere once applied: what is stored is each person's list).
// A rule names a contact method by kind, and by address when the person has several of that kind.
import { invalid } from '../kernel/errors.ts';
import { findUsers, type User } from '../people/index.ts';
import { findRules, setNotificationRules, type NotificationRule } from '../notify/index.ts';
import { allowOnly, at, int, list, text, type Obj, type ApplyContext } from '../workspace/index.ts';
import type { Tx } from '../store/tx.ts';

const URGENCIES = ['high', 'low', 'any'] as const;

interface Step { kind: string; address?: string; delay: number; urgency: (typeof URGENCIES)[number] }

function readSteps(n: Obj, path: string, withAddress: boolean): Step[] {
  return list(n, 'rules').map((r, j) => {
    const rp = `${path}.rules[${j}]`;
    allowOnly(r, rp, withAddress ? ['kind', 'address', 'delay_minutes', 'urgency'] : ['kind', 'delay_minutes', 'urgency']);
    const urgency = text(r, 'urgency', rp) ?? 'any';
    if (!URGENCIES.includes(urgency as Step['urgency'])) throw invalid('workspace.bad_field', `${rp}.urgency: one of ${URGENCIES.join(', ')}.`, { path: `${rp}.urgency` });
    const delay = int(r, 'delay_minutes', rp) ?? 0;
    if (delay < 0) throw invalid('workspace.bad_field', `${rp}.delay_minutes: 0 or more.`, { path: `${rp}.delay_minutes` });
    return { kind: text(r, 'kind', rp, { required: true })!, address: withAddress ? text(r, 'address', rp) : undefined, delay, urgency: urgency as Step['urgency'] };
  });
}

const toRule = (contactMethodId: string, s: Step): NotificationRule => ({ contactMethodId, delayMinutes: s.delay, ...(s.urgency !== 'any' ? { urgency: s.urgency } : {}) });
const same = (a: readonly NotificationRule[], b: readonly NotificationRule[]) =>
  a.length === b.length && a.every((r, i) => r.contactMethodId === b[i]!.contactMethodId && r.delayMinutes === b[i]!.delayMinutes && (r.urgency ?? 'any') === (b[i]!.urgency ?? 'any'));

export async function applyNotificationRules(a: ApplyContext): Promise<void> {
  const entries = list(a.doc, 'notification_rules').map((n, i) => ({ n, path: `notification_rules[${i}]` }));
  for (const { n, path } of entries) {
    if (n.user !== undefined && n.role !== undefined) throw invalid('workspace.bad_field', `${path}: either "user" or "role", not both.`, { path });
  }
  // a person's own entry first, so that a role default in the same file skips them
  for (const { n, path } of entries.filter((e) => e.n.user !== undefined)) {
    allowOnly(n, path, ['user', 'rules']);
    const email = text(n, 'user', path, { required: true })!;
    const steps = readSteps(n, path, true);
    const [u] = await findUsers(a.tx, { emails: [email] });
    if (!u) throw invalid('workspace.unknown_user', `${path}.user: nobody has the e-mail ${email}.`, { path: `${path}.user` });
    const rules = steps.map((s, j) => {
      const m = u.contactMethods.find((c) => c.kind === s.kind && (s.address === undefined || c.address.toLowerCase() === s.address.toLowerCase()));
      if (!m) throw invalid('workspace.unknown_reference', `${path}.rules[${j}]: ${email} has no ${s.kind} contact${s.address ? ` ${s.address}` : ''}; add it under users[].contact.`, { path: `${path}.rules[${j}]` });
      return toRule(m.id, s);
    });
    const current = (await findRules(a.tx, [u.id])).get(u.id) ?? [];
    if (same(current, rules)) {
      a.count('notification_rules', 'unchanged');
      continue;
    }
    await at(path, () => setNotificationRules(a.ctx, a.actor, u.id, rules, a.tx));
    a.count('notification_rules', current.length ? 'updated' : 'created');
  }
  for (const { n, path } of entries.filter((e) => e.n.user === undefined)) {
    allowOnly(n, path, ['role', 'rules']);
    const role = text(n, 'role', path, { required: true })!;
    const steps = readSteps(n, path, false);
    const users = await findUsers(a.tx, { role });
    const existing = await findRules(a.tx, users.map((u) => u.id));
    for (const u of users) {
      if (existing.has(u.id)) continue; // people's own choices win over the file
      const rules = steps.flatMap((s) => {
        const m = u.contactMethods.find((c) => c.kind === s.kind && c.verified);
        return m ? [toRule(m.id, s)] : [];
      });
      if (rules.length === 0) continue;
      await at(path, () => setNotificationRules(a.ctx, a.actor, u.id, rules, a.tx));
      a.count('notification_rules', 'created');
    }
  }
}

/** Every person's own rules, contact methods named by kind, and by address where the kind repeats. */
export async function exportNotificationRules(tx: Tx): Promise<Obj[]> {
  const users = await findUsers(tx);
  const rules = await findRules(tx, users.map((u) => u.id));
  return users.filter((u) => rules.get(u.id)?.length).map((u) => ({ user: u.email, rules: rules.get(u.id)!.flatMap((r) => ruleOut(u, r)) }));
}

function ruleOut(u: User, r: NotificationRule): Obj[] {
  const m = u.contactMethods.find((c) => c.id === r.contactMethodId);
  if (!m) return [];
  const several = u.contactMethods.filter((c) => c.kind === m.kind).length > 1;
  return [{ kind: m.kind, ...(several ? { address: m.address } : {}), delay_minutes: r.delayMinutes, ...(r.urgency && r.urgency !== 'any' ? { urgency: r.urgency } : {}) }];
}
