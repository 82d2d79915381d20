// Outbound signed webhooks (PG-6 contact method for systems). The event id is derived from the
// idempotency key and the body is serialised the same way on every attempt, so a receiver can
// de-duplicate retries on the id header, the way PagerDuty's X-Webhook-Id works.
import { delivered, describeNetworkError, failed, httpVerdict, parseRetryAfter, type Channel, type Delivery, type SendResult } from './channel.ts';
import { digest } from './render.ts';
import { signBody } from './signing.ts';

export interface WebhookChannelConfig {
  /** Signing secret(s) for `to`; several while rotating. Per-URL secrets via a function. */
  secret: string | readonly string[] | ((url: string) => string | readonly string[]);
  /** `X-Hotline-Signature` by default; `X-PagerDuty-Signature` for receivers built for PagerDuty. */
  signatureHeader?: string;
  /** PagerDuty expects an answer within 5 s; so do we. */
  timeoutMs?: number;
  /** Used when a delivery has no `to`. */
  url?: string;
}

export const eventIdFor = (idempotencyKey: string): string => `evt_${digest(idempotencyKey, 26)}`;

export interface WebhookEnvelope {
  event: {
    id: string;
    event_type: string;
    occurred_at: string | null;
    subject: string | null;
    summary: string;
    links: { href: string; text: string }[];
    thread_key: string | null;
    data: unknown;
  };
}

export function webhookBody(d: Delivery): string {
  const envelope: WebhookEnvelope = {
    event: {
      id: eventIdFor(d.idempotencyKey),
      event_type: d.event?.type ?? 'notification',
      occurred_at: d.event?.occurredAt ?? null,
      subject: d.subject ?? null,
      summary: d.text,
      links: (d.actions ?? []).map((a) => ({ href: a.url, text: a.label })),
      thread_key: d.threadKey ?? null,
      data: d.event?.data ?? null,
    },
  };
  return JSON.stringify(envelope);
}

export class WebhookChannel implements Channel {
  readonly kind = 'webhook' as const;
  constructor(private readonly config: WebhookChannelConfig) {}

  async send(delivery: Delivery): Promise<SendResult> {
    const url = delivery.to || this.config.url;
    if (!url) return failed(false, 'no_url: set the delivery address or the webhook url');
    const body = webhookBody(delivery);
    const secrets = typeof this.config.secret === 'function' ? this.config.secret(url) : this.config.secret;
    const eventId = eventIdFor(delivery.idempotencyKey);
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Hotline-Webhook/1',
          [this.config.signatureHeader ?? 'X-Hotline-Signature']: signBody(body, secrets),
          'x-hotline-webhook-id': eventId,
          'x-hotline-event-type': delivery.event?.type ?? 'notification',
        },
        body,
        // A redirect would re-send a signed body to an address nobody configured.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.timeoutMs ?? 5000),
      });
      const answer = (await res.text().catch(() => '')).slice(0, 200);
      const verdict = httpVerdict(res.status);
      if (verdict === 'ok') return delivered(eventId);
      return failed(verdict === 'retry', `http ${res.status}${answer ? `: ${answer}` : ''}`, parseRetryAfter(res.headers.get('retry-after'), Date.now()));
    } catch (err) {
      return failed(true, describeNetworkError(err));
    }
  }
}
