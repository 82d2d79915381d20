// What the people of the replayed day do, one verb each, through the same routes as the web UI
// and the customer portal. Each verb says on the progress lines what happened, read back from
// the server rather than assumed, so the lines show the product's own decisions.
import { expectOk, ReplayError, type Stage } from './replay-node.ts';

export interface Opened { id: string; number: number }

export function acts(s: Stage) {
  /** WF-1: a customer opens an emergency on the portal; the line says whom it paged, or why not. */
  async function emergency(requester: string, org: string, subject: string, form: string, description: string): Promise<Opened> {
    const api = await s.as(requester);
    const t = expectOk(await api('POST', '/api/v1/portal/tickets', { subject, description, form, emergency: true }), `${org} opens an emergency`).ticket;
    s.emergencies.set(t.number, { id: t.id, org });
    const e = await s.show(t.number);
    const paged = (e.pages as { targetUserIds: string[] }[]).flatMap((p) => p.targetUserIds.map((id) => s.emailOf(id)));
    const who = paged.map((x) => x.split('@')[0]).join(', ');
    if (e.state === 'not_paged') s.say(t.number, `"${subject}": not paged (${e.entitlement.kind}), customer told, priority ${e.ticket.priority}`);
    else s.say(t.number, `"${subject}": emergency opened (${e.entitlement.kind}), ${who ? `paged ${who}` : 'no page'}`);
    const planned = (e.thread as { text: string }[]).find((p) => /planned|moving/i.test(p.text) && p.text.includes('Gitaly'));
    if (planned) s.say(t.number, 'WF-16 planned-work note shown to the on-call engineer');
    return t;
  }

  /** A customer's ordinary request on the portal. */
  async function request(requester: string, org: string, subject: string, form: string): Promise<Opened> {
    const t = expectOk(await (await s.as(requester))('POST', '/api/v1/portal/tickets', { subject, description: subject, form, priority: 'normal' }), `${org} opens a ticket`).ticket;
    s.log(`#${t.number} ${org}: ticket "${subject}" (normal)`);
    return t;
  }

  /** Whoever the emergency is with now: its DRI, else the first person paged. */
  async function responder(num: number): Promise<string> {
    const e = await s.show(num);
    const paged = (e.pages as { targetUserIds: string[] }[]).flatMap((p) => p.targetUserIds.map((id) => s.emailOf(id)));
    const who = e.driUserId ?? paged[0];
    if (!who) throw new ReplayError(`Emergency #${num} has nobody to act on it.`);
    return who;
  }

  const post = async (who: string, num: number, path: string, body: unknown, what: string) =>
    expectOk(await (await s.as(who))('POST', `/api/v1/emergencies/${num}/${path}`, body), `#${num} ${what}`);

  async function acknowledge(num: number, who: string): Promise<void> {
    await post(who, num, 'acknowledge', undefined, 'acknowledge');
    s.say(num, `acknowledged by ${who.split('@')[0]}`);
  }

  async function qualify(num: number, who: string, body: Record<string, unknown>): Promise<void> {
    await post(who, num, 'qualify', body, 'qualify');
    const e = await s.show(num);
    s.say(num, `qualified ${String(body.verdict).replace(/_/g, ' ')}${body.criterion ? ` (${body.criterion})` : ''}; ticket ${e.ticket.status}, ${e.ticket.priority}`);
  }

  /** A public reply from an engineer; the first one arms the WF-5 silence timers. */
  async function reply(num: number, who: string, body: string): Promise<void> {
    const id = s.emergencies.get(num)!.id;
    expectOk(await (await s.as(who))('POST', `/api/v1/tickets/${id}/comments`, { body, public: true }), `#${num} public reply`);
    s.say(num, `${who.split('@')[0]} replies: "${body.length > 60 ? body.slice(0, 57) + '…' : body}"`);
  }

  /** The customer answers on the portal; returns the comment's id. */
  async function customer(num: number, who: string, body: string): Promise<string> {
    const id = s.emergencies.get(num)!.id;
    const r = expectOk(await (await s.as(who))('POST', `/api/v1/portal/tickets/${id}/replies`, { body }), `#${num} customer reply`);
    s.say(num, `customer answers: "${body}"`);
    return (r.comments as { id: string }[]).at(-1)!.id;
  }

  async function resolvePage(num: number, who: string): Promise<void> {
    await post(who, num, 'resolve-page', undefined, 'resolve page');
    s.say(num, 'page resolved');
  }

  async function postCall(num: number, who: string, body: Record<string, unknown>): Promise<void> {
    await post(who, num, 'post-call', body, 'post-call notes');
    s.say(num, `post-call notes by ${who.split('@')[0]} (${body.resolved ? 'resolved on the call' : 'not resolved'})`);
  }

  /** Resolves the emergency; returns the numbers of its follow-up tickets. */
  async function resolve(num: number, who: string, body: Record<string, unknown>): Promise<number[]> {
    const r = await post(who, num, 'resolve', body, 'resolve');
    const ids = (r.followUpTicketIds ?? []) as string[];
    const follow: number[] = [];
    for (const id of ids) follow.push(expectOk(await s.admin('GET', `/api/v1/tickets/${id}`), 'follow-up ticket').ticket.number);
    s.say(num, `solved${follow.length ? `, follow-up ticket ${follow.map((n) => `#${n}`).join(', ')}` : ''}`);
    return follow;
  }

  /** What the silence timers did to a ticket, read back after they fired. */
  async function silenceState(num: number): Promise<void> {
    const e = await s.show(num);
    const fired = (e.timers as { kind: string; state: string }[]).filter((t) => t.state === 'fired').map((t) => t.kind);
    s.say(num, `WF-5 timers fired: ${fired.join(', ') || 'none'}; priority now ${e.ticket.priority}`);
  }

  return { emergency, request, responder, post, acknowledge, qualify, reply, customer, resolvePage, postCall, resolve, silenceState };
}
