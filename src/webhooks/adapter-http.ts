// One attempt at a receiver: a POST of the signed body, answered within the timeout or counted as a
// failure. A redirect is not followed (it would re-send a signed body to an address nobody chose).
import { performance } from 'node:perf_hooks';

export interface HttpAnswer {
  status: number | null;
  durationMs: number;
  /** The network error, or the start of a non-2xx answer's body. */
  error: string | null;
}

export const WEBHOOK_TIMEOUT_MS = 10_000;

export async function postWebhook(url: string, headers: Record<string, string>, body: string, timeoutMs = WEBHOOK_TIMEOUT_MS): Promise<HttpAnswer> {
  const started = performance.now();
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Hotline-Webhooks/1', ...headers },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text().catch(() => '');
    const ok = res.status >= 200 && res.status < 300;
    return { status: res.status, durationMs: Math.round(performance.now() - started), error: ok ? null : `http ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}` };
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    const why = err.name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : err.cause?.code ?? err.cause?.message ?? err.message;
    return { status: null, durationMs: Math.round(performance.now() - started), error: why };
  }
}

/** Unix seconds by this machine's wall clock: what a receiver compares with its own to refuse replays. */
export function wallClockSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
