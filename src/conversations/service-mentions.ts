// WF-1: a mention in an emergency's thread (`cc @csm`, the next on-call engineer, a regional or
// backup group) reaches the people it names through their own contact methods, in the same
// transaction as the thread entry. A handle names a team: every member is told.
import type { Temporal } from '../kernel/time.ts';
import { notifyConfig, notifyPeople } from '../notify/index.ts';
import { findTeams, findUser } from '../people/index.ts';
import type { Ctx } from '../runtime/context.ts';
import type { Tx } from '../store/tx.ts';

/** User ids named by a mention: an e-mail, a user id, or a team handle (with or without `@`). */
export async function mentionedUserIds(tx: Tx, who: string): Promise<string[]> {
  if (!who.startsWith('@') && who.includes('@')) {
    const u = await findUser(tx, { email: who });
    return u ? [u.id] : [];
  }
  const team = (await findTeams(tx, { handle: who.replace(/^@/, '') }))[0];
  if (team) return team.members.map((m) => m.id);
  const u = await findUser(tx, { id: who });
  return u ? [u.id] : [];
}

export async function deliverMention(
  ctx: Ctx, tx: Tx, now: Temporal.Instant,
  m: { entryId: string; ticketId: string; ticketNumber: number | null; who: string; reason: string },
): Promise<void> {
  const ids = await mentionedUserIds(tx, m.who);
  if (ids.length === 0) return;
  const what = m.ticketNumber === null ? 'an emergency' : `emergency ticket #${m.ticketNumber}`;
  await notifyPeople(tx, now, ids, {
    key: `thread:${m.entryId}`,
    subject: `[Hotline] You were mentioned on ${what}`,
    text: `${m.reason}\n\n${notifyConfig(ctx).publicUrl}/tickets/${m.ticketId}`,
    threadKey: `ticket:${m.ticketId}`,
  });
}
