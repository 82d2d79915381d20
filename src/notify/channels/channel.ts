// The contract between the jobs engine and every way Hotline reaches a person or a system (PG-6).
// The engine calls send() once per attempt and logs the result; a channel never retries on its
// own, so every attempt is visible in the delivery log and the engine owns the back-off.

export type ChannelKind = 'email' | 'slack' | 'chat-webhook' | 'webhook' | 'sms' | 'voice' | 'push' | 'browser';

export interface DeliveryAction {
  label: string;
  url: string;
}

export interface Delivery {
  /** Stable across retries of one job: channels that can tell use it to avoid doubles. */
  idempotencyKey: string;
  /** Address in the channel's own terms: e-mail address, chat channel, URL, phone number. */
  to: string;
  subject?: string;
  text: string;
  html?: string;
  /** Hotline's own conversation key (e.g. `ticket:123`): messages with one key form one thread. */
  threadKey?: string;
  /**
   * The provider's reference for that thread, as returned earlier in `threadRef`. Lets the caller
   * persist thread roots (e.g. a Slack `ts`) instead of relying on the channel's memory.
   */
  threadRef?: string;
  actions?: DeliveryAction[];
  /** Where replies should go (e-mail: a ticket's reply address, so an answer lands on the ticket). */
  replyTo?: string;
  /** Structured event for machine receivers (outbound webhooks); other channels ignore it. */
  event?: { type: string; data?: unknown; occurredAt?: string };
}

export type SendResult =
  | { ok: true; providerId?: string; threadRef?: string }
  | { ok: false; retryable: boolean; error: string; retryAfterMs?: number };

export interface Channel {
  readonly kind: ChannelKind;
  send(delivery: Delivery): Promise<SendResult>;
}

export const delivered = (providerId?: string, threadRef?: string): SendResult => ({
  ok: true,
  ...(providerId !== undefined ? { providerId } : {}),
  ...(threadRef !== undefined ? { threadRef } : {}),
});

export const failed = (retryable: boolean, error: string, retryAfterMs?: number): SendResult => ({
  ok: false,
  retryable,
  error,
  ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
});

/**
 * Retry-After is either delta-seconds or an HTTP-date (RFC 9110 §10.2.3). Returns milliseconds,
 * or undefined when absent or unreadable so the engine falls back to its own back-off.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value == null || value.trim() === '') return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/**
 * The common HTTP verdict: 2xx delivered; 408/429/5xx worth another attempt; any other 4xx is a
 * configuration or payload problem that a retry cannot fix.
 */
export function httpVerdict(status: number): 'ok' | 'retry' | 'fatal' {
  if (status >= 200 && status < 300) return 'ok';
  if (status === 408 || status === 429 || status >= 500) return 'retry';
  return 'fatal';
}

/** Network-level failures (refused, reset, DNS, timeout) are always worth another attempt. */
export function describeNetworkError(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as { cause?: unknown }).cause;
    const code = (cause as { code?: string } | undefined)?.code ?? (err as { code?: string }).code;
    if (err.name === 'TimeoutError' || err.name === 'AbortError') return 'timeout';
    return code ? `${code}: ${cause instanceof Error ? cause.message : err.message}` : err.message;
  }
  return String(err);
}
