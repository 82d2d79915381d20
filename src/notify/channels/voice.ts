// Voice calls (PG-6): the page is read out, and a key press can acknowledge it from the call.
import { failed, type Channel, type Delivery, type SendResult } from './channel.ts';
import type { SmsVoiceProvider } from './sms.ts';

export interface VoiceChannelConfig {
  /** TwiML <Say> voice and language, e.g. `alice`, `en-US`. */
  voice?: string;
  language?: string;
  /** Read the message this many times (people pick up mid-sentence). */
  repeat?: number;
  /** Offer a key press; the provider POSTs `Digits` to actionUrl. */
  gather?: { actionUrl: string; prompt: string };
  statusCallbackUrl?: string;
}

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** Speech cannot read links aloud usefully, so URLs are dropped from what is said. */
export function spokenText(d: Pick<Delivery, 'subject' | 'text'>): string {
  const text = [d.subject, d.text].filter(Boolean).join('. ');
  return text.replace(/https?:\/\/\S+/g, '').replace(/\s+/g, ' ').trim();
}

export function voiceTwiml(d: Pick<Delivery, 'subject' | 'text'>, config: VoiceChannelConfig = {}): string {
  const attrs = [config.voice ? ` voice="${escapeXml(config.voice)}"` : '', config.language ? ` language="${escapeXml(config.language)}"` : ''].join('');
  const say = `<Say${attrs}>${escapeXml(spokenText(d))}</Say>`;
  const said = Array.from({ length: Math.max(1, config.repeat ?? 2) }, () => say).join('');
  const gather = config.gather
    ? `<Gather numDigits="1" method="POST" action="${escapeXml(config.gather.actionUrl)}"><Say${attrs}>${escapeXml(config.gather.prompt)}</Say></Gather>`
    : '';
  return `<?xml version="1.0" encoding="UTF-8"?><Response>${said}${gather}</Response>`;
}

export class VoiceChannel implements Channel {
  readonly kind = 'voice' as const;
  constructor(
    private readonly provider: SmsVoiceProvider,
    private readonly config: VoiceChannelConfig = {},
  ) {}

  async send(delivery: Delivery): Promise<SendResult> {
    if (!delivery.to) return failed(false, 'no_number: the contact method has no phone number');
    return this.provider.placeCall({
      idempotencyKey: delivery.idempotencyKey,
      to: delivery.to,
      twiml: voiceTwiml(delivery, this.config),
      ...(this.config.statusCallbackUrl ? { statusCallbackUrl: this.config.statusCallbackUrl } : {}),
    });
  }
}
