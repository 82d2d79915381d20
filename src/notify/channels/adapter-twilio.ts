// An SMS/voice provider adapter speaking Twilio's documented REST API (2010-04-01): form-encoded
// POSTs to Messages.json and Calls.json with HTTP basic auth (Account SID : Auth Token), 201 with
// the resource as JSON, errors as {code, message, more_info, status}. The base URL is
// configurable so compatible providers and the loopback stand-in work the same way.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { delivered, describeNetworkError, failed, httpVerdict, parseRetryAfter, type SendResult } from './channel.ts';
import type { SmsMessage, SmsVoiceProvider, VoiceCall } from './sms.ts';

export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  /** Default sender number (E.164) when a message names none. */
  from: string;
  baseUrl?: string;
  timeoutMs?: number;
}

export class TwilioProvider implements SmsVoiceProvider {
  readonly name = 'twilio';
  constructor(private readonly config: TwilioConfig) {}

  sendSms(m: SmsMessage): Promise<SendResult> {
    const form: Record<string, string> = { To: m.to, From: m.from ?? this.config.from, Body: m.body };
    if (m.statusCallbackUrl) form.StatusCallback = m.statusCallbackUrl;
    return this.post('Messages.json', form);
  }

  placeCall(c: VoiceCall): Promise<SendResult> {
    const form: Record<string, string> = { To: c.to, From: c.from ?? this.config.from, Twiml: c.twiml };
    if (c.statusCallbackUrl) form.StatusCallback = c.statusCallbackUrl;
    return this.post('Calls.json', form);
  }

  private async post(resource: string, form: Record<string, string>): Promise<SendResult> {
    const base = (this.config.baseUrl ?? 'https://api.twilio.com').replace(/\/+$/, '');
    const url = `${base}/2010-04-01/Accounts/${encodeURIComponent(this.config.accountSid)}/${resource}`;
    const basic = Buffer.from(`${this.config.accountSid}:${this.config.authToken}`).toString('base64');
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams(form).toString(),
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.timeoutMs ?? 10_000),
      });
      const text = await res.text();
      let json: Record<string, unknown> = {};
      try {
        json = JSON.parse(text);
      } catch {
        // Proxies answer 502/503 with HTML; the status alone decides then.
      }
      const verdict = httpVerdict(res.status);
      if (verdict === 'ok') {
        if (json.status === 'failed' || json.status === 'undelivered') {
          return failed(false, `twilio ${String(json.error_code ?? '')}: ${String(json.error_message ?? json.status)}`);
        }
        return typeof json.sid === 'string' ? delivered(json.sid) : delivered();
      }
      const detail = json.code !== undefined ? `twilio ${String(json.code)}: ${String(json.message ?? '')}` : `http ${res.status}`;
      return failed(verdict === 'retry', detail, parseRetryAfter(res.headers.get('retry-after'), Date.now()));
    } catch (err) {
      return failed(true, describeNetworkError(err));
    }
  }
}

/**
 * Twilio's webhook signature: base64 HMAC-SHA1, keyed with the Auth Token, of the full URL
 * followed by every POST parameter name and value, sorted by name.
 */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, k) => acc + k + params[k], url);
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}

export function verifyTwilioSignature(authToken: string, signature: string | undefined, url: string, params: Record<string, string>): boolean {
  if (!signature) return false;
  const expected = Buffer.from(twilioSignature(authToken, url, params));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
