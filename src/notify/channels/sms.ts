// SMS and voice contact methods (PG-6). A provider adapter speaks one vendor's API; the SMS and
// voice channels turn a delivery into what fits a phone: short text, or speech.
import { failed, type Channel, type Delivery, type SendResult } from './channel.ts';

export interface SmsMessage {
  idempotencyKey: string;
  to: string;
  body: string;
  from?: string;
  statusCallbackUrl?: string;
}

export interface VoiceCall {
  idempotencyKey: string;
  to: string;
  /** TwiML-style call instructions (`<Response><Say>…</Say></Response>`). */
  twiml: string;
  from?: string;
  statusCallbackUrl?: string;
}

export interface SmsVoiceProvider {
  readonly name: string;
  sendSms(message: SmsMessage): Promise<SendResult>;
  placeCall(call: VoiceCall): Promise<SendResult>;
}

/** Twilio's documented cap for one message body; longer text is cut with an ellipsis. */
export const SMS_MAX_LENGTH = 1600;

/** Subject, text and action links, cut to fit: links go first so a truncated page stays actionable. */
export function smsText(d: Pick<Delivery, 'subject' | 'text' | 'actions'>, maxLength = SMS_MAX_LENGTH): string {
  const head = d.subject ? `${d.subject}: ` : '';
  const links = (d.actions ?? []).map((a) => `${a.label}: ${a.url}`).join('\n');
  const tail = links ? `\n${links}` : '';
  const room = maxLength - head.length - tail.length;
  const text = d.text.replace(/\s+/g, ' ').trim();
  if (room <= 1) return (head + text + tail).slice(0, maxLength);
  const body = text.length > room ? `${text.slice(0, room - 1)}…` : text;
  return head + body + tail;
}

export interface SmsChannelConfig {
  maxLength?: number;
  statusCallbackUrl?: string;
}

export class SmsChannel implements Channel {
  readonly kind = 'sms' as const;
  constructor(
    private readonly provider: SmsVoiceProvider,
    private readonly config: SmsChannelConfig = {},
  ) {}

  async send(delivery: Delivery): Promise<SendResult> {
    if (!delivery.to) return failed(false, 'no_number: the contact method has no phone number');
    return this.provider.sendSms({
      idempotencyKey: delivery.idempotencyKey,
      to: delivery.to,
      body: smsText(delivery, this.config.maxLength),
      ...(this.config.statusCallbackUrl ? { statusCallbackUrl: this.config.statusCallbackUrl } : {}),
    });
  }
}

/** The fields every inbound-SMS webhook of a Twilio-compatible provider carries. */
export interface InboundSms {
  messageSid: string;
  accountSid: string;
  from: string;
  to: string;
  body: string;
}

export function parseInboundSms(params: Record<string, string | undefined>): InboundSms | undefined {
  const { MessageSid, SmsSid, AccountSid, From, To, Body } = params;
  if (!From || Body === undefined) return undefined;
  return { messageSid: MessageSid ?? SmsSid ?? '', accountSid: AccountSid ?? '', from: From, to: To ?? '', body: Body };
}

export type SmsReplyAction = 'acknowledge' | 'escalate' | 'resolve';

/** PG-6 acknowledgement from the notification itself: reply keywords, configurable per workspace. */
export const DEFAULT_SMS_REPLY_KEYWORDS: Record<SmsReplyAction, readonly string[]> = {
  acknowledge: ['4', 'ack', 'acknowledge'],
  escalate: ['8', 'esc', 'escalate'],
  resolve: ['6', 'resolve'],
};

/**
 * `"4"`, `"ack"`, `"ACK 1001"` → the action and an optional reference (page or ticket number) that
 * disambiguates when a person has several open pages.
 */
export function parseSmsReply(
  body: string,
  keywords: Record<SmsReplyAction, readonly string[]> = DEFAULT_SMS_REPLY_KEYWORDS,
): { action: SmsReplyAction; ref?: string } | undefined {
  const [word, ref] = body.trim().toLowerCase().split(/\s+/, 2);
  if (!word) return undefined;
  for (const action of Object.keys(keywords) as SmsReplyAction[]) {
    if (keywords[action].includes(word)) return ref ? { action, ref } : { action };
  }
  return undefined;
}
