// Has anyone been reached for a page? The answer behind the "nobody has been reached" banner.
// Pure: the page's state, the people it targets, its delivery attempts and how many of its
// notifications are still to come in; the verdict and the one-click fix out.

export type ReachCode = 'closed' | 'delivered' | 'pending' | 'all_failed' | 'outbox_only' | 'no_contact_method';

export interface Reach {
  /** false: shout — nobody has been reached by any attempt so far. */
  reached: boolean;
  state: 'reached' | 'pending' | 'not_reached';
  code: ReachCode;
  /** One sentence for the banner. */
  reason: string;
  /** Where the fix is: a person's contact methods, or the outbox (no channel configured). */
  fix: { label: string; href: string } | null;
}

export interface ReachInput {
  status: 'triggered' | 'acknowledged' | 'resolved';
  targets: { id: string; name: string }[];
  attempts: { status: string; channel: string; userId: string | null; error: string | null }[];
  /** Notifications of this page queued but not yet attempted. */
  pending: number;
}

const KIND: Record<string, string> = { email: 'e-mail', slack: 'chat', 'chat-webhook': 'chat', sms: 'SMS', voice: 'voice', webhook: 'webhook', push: 'push', browser: 'browser' };

export function reachOf(i: ReachInput): Reach {
  // an acknowledgement is proof of reach; a resolved page needs no one any more
  if (i.status !== 'triggered') return { reached: true, state: 'reached', code: 'closed', reason: i.status === 'acknowledged' ? 'Acknowledged.' : 'Resolved.', fix: null };
  if (i.attempts.some((a) => a.status === 'sent' || a.status === 'delivered')) {
    return { reached: true, state: 'reached', code: 'delivered', reason: 'At least one notification was delivered.', fix: null };
  }
  // in flight, or a node died mid-send (it may have arrived): not yet a reason to shout
  if (i.attempts.some((a) => a.status === 'sending' || a.status === 'unknown')) {
    return { reached: false, state: 'pending', code: 'pending', reason: 'Notifications are being sent.', fix: null };
  }
  const first = i.targets[0];
  const person = (id: string | null) => i.targets.find((t) => t.id === id) ?? first;
  if (i.attempts.length === 0) {
    if (i.pending > 0) return { reached: false, state: 'pending', code: 'pending', reason: 'Notifications are about to be sent.', fix: null };
    const who = i.targets.length === 1 ? first!.name : 'none of the people paged';
    return {
      reached: false, state: 'not_reached', code: 'no_contact_method',
      reason: i.targets.length ? `Nobody has been reached: ${who} has no contact method Hotline can use.` : 'Nobody has been reached: this page has no one to notify.',
      fix: first ? { label: `Add a contact method for ${first.name}`, href: `/people/${first.id}` } : null,
    };
  }
  const failed = i.attempts.filter((a) => a.status === 'failed');
  if (failed.length === 0) {
    const kinds = [...new Set(i.attempts.map((a) => KIND[a.channel] ?? a.channel))];
    return {
      reached: false, state: 'not_reached', code: 'outbox_only',
      reason: `Nobody has been reached: the notifications went only to Hotline's outbox (no ${kinds.join(' or ')} channel is configured).`,
      fix: { label: 'Open the outbox', href: '/outbox' },
    };
  }
  const last = failed.at(-1)!;
  const who = person(last.userId);
  return {
    reached: false, state: 'not_reached', code: 'all_failed',
    reason: `Nobody has been reached: every notification failed (${KIND[last.channel] ?? last.channel}: ${last.error ?? 'failed'}).`,
    fix: who ? { label: `Check ${who.name}'s contact methods`, href: `/people/${who.id}` } : null,
  };
}
