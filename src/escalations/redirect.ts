// SM-4: an escalation attempted in an ordinary support channel gets, on one action (the
// `:escalate:` reaction in Slack, or the redirect action on a thread entry in Hotline), the
// standard, anonymous reply that explains the escalation process and links the form.
// Pure: settings and the received event in, the reply or the decision out.

export interface RedirectSettings {
  /** The reaction that asks for the reply, without colons (the seed's `:escalate:`). */
  reaction: string;
  /** The reply; `{form}` becomes the form's link and `{channel}` the escalations channel. */
  text: string;
  /** The escalation form's address; null: Hotline's own form (`<public url>/escalations/new`). */
  formUrl: string | null;
}

export const DEFAULT_REDIRECT: RedirectSettings = {
  reaction: 'escalate',
  text:
    'Hi! It looks like this is a request to escalate a ticket. Escalations are not handled in this channel: ' +
    'please file an escalation request with the form at {form} (what is needed, the business case and the urgency). ' +
    'The support manager on call is told at once and answers in {channel}. Thank you!',
  formUrl: null,
};

/** The reply as posted: anonymous (it names nobody, neither who reacted nor who wrote the message). */
export function redirectReplyText(s: RedirectSettings, words: { formUrl: string; channel: string }): string {
  return s.text.replaceAll('{form}', words.formUrl).replaceAll('{channel}', words.channel);
}

/** A Hotline thread entry may be redirected only where escalations are not handled already. */
export type RedirectRefusal = 'escalations_channel' | 'anonymous_entry';

export function redirectRefusal(entry: { channel: string; kind: string; author: string | null }, escalationsChannel: string): RedirectRefusal | null {
  if (entry.channel === escalationsChannel) return 'escalations_channel';
  // Hotline's own notices and earlier redirect replies are nobody's escalation attempt.
  if (entry.kind === 'notice' || entry.author === null) return 'anonymous_entry';
  return null;
}

/** What a Slack Events API request asks of Hotline, once its signature is verified. */
export type SlackEventAction =
  | { kind: 'challenge'; challenge: string }
  | { kind: 'redirect'; eventId: string; channel: string; ts: string; user: string | null }
  | { kind: 'ignore'; why: string }
  | { kind: 'bad'; why: string };

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/**
 * Slack's envelope: `url_verification` {challenge}, or `event_callback` {event_id, event}. Only a
 * `reaction_added` of the redirect reaction on a message asks for a reply; every other event is
 * acknowledged and ignored (Slack retries what is not answered with 200).
 */
export function readSlackEvent(body: unknown, reaction: string): SlackEventAction {
  if (!isObj(body)) return { kind: 'bad', why: 'the body is not a JSON object' };
  if (body.type === 'url_verification') {
    return nonEmpty(body.challenge) ? { kind: 'challenge', challenge: body.challenge } : { kind: 'bad', why: 'url_verification without a challenge' };
  }
  if (body.type !== 'event_callback') return { kind: 'ignore', why: `envelope type ${String(body.type)}` };
  if (!nonEmpty(body.event_id) || !isObj(body.event)) return { kind: 'bad', why: 'event_callback without event_id and event' };
  const ev = body.event;
  if (ev.type !== 'reaction_added') return { kind: 'ignore', why: `event ${String(ev.type)}` };
  // Slack sends skin-tone variants as `name::skin-tone-2`; the reaction is the name before them.
  if (typeof ev.reaction !== 'string' || ev.reaction.split('::')[0] !== reaction) return { kind: 'ignore', why: `reaction ${String(ev.reaction)}` };
  const item = ev.item;
  if (!isObj(item) || item.type !== 'message') return { kind: 'ignore', why: 'the reaction is not on a message' };
  if (!nonEmpty(item.channel) || !nonEmpty(item.ts)) return { kind: 'bad', why: 'reaction_added without item.channel and item.ts' };
  return { kind: 'redirect', eventId: body.event_id, channel: item.channel, ts: item.ts, user: nonEmpty(ev.user) ? ev.user : null };
}
