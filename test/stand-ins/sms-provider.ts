// A loopback stand-in for an SMS/voice provider speaking Twilio's documented REST API:
// POST /2010-04-01/Accounts/{AccountSid}/Messages.json and …/Calls.json, form-encoded, HTTP basic
// auth (Account SID : Auth Token), 201 + resource JSON, errors as {code, message, more_info, status}.
// It can also play the provider's side of an inbound SMS: a form POST (MessageSid, From, To, Body, …)
// signed with X-Twilio-Signature, to any URL (reply-keyword tests).
//
// Use: const sms = await startSmsProviderStandIn(); new TwilioProvider({ accountSid: sms.accountSid,
//      authToken: sms.authToken, from: '+15005550006', baseUrl: sms.url }); sms.messages; sms.calls.
import { createHmac, randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { listenLoopback, parseBody, readBody } from './http-util.ts';

export interface ProviderMessage {
  sid: string;
  to: string;
  from: string;
  body: string;
  statusCallback?: string;
  form: Record<string, string>;
}

export interface ProviderCall {
  sid: string;
  to: string;
  from: string;
  twiml?: string;
  url?: string;
  form: Record<string, string>;
}

export interface SmsProviderStandIn {
  /** Base URL to use instead of https://api.twilio.com. */
  url: string;
  accountSid: string;
  authToken: string;
  /** Our provider number, the `To` of inbound messages. */
  number: string;
  messages: ProviderMessage[];
  calls: ProviderCall[];
  /** Every request, including refused ones. */
  requests: { path: string; authorized: boolean; form: Record<string, string> }[];
  /** Next API request gets HTTP 429 code 20429 with `Retry-After`. */
  rateLimitOnce(retryAfterSeconds: number): void;
  /** Next API request gets this status and Twilio error code. */
  failNext(status: number, code: number, message: string): void;
  /** POST an inbound SMS webhook, signed like the provider does. */
  sendInboundSms(input: { url: string; from: string; body: string; to?: string; signWith?: string }): Promise<{ status: number; body: string; contentType: string }>;
  close(): Promise<void>;
}

const E164 = /^\+[1-9]\d{1,14}$/;
const sid = (prefix: string) => prefix + randomBytes(16).toString('hex');

export async function startSmsProviderStandIn(options: { accountSid?: string; authToken?: string; number?: string } = {}): Promise<SmsProviderStandIn> {
  const accountSid = options.accountSid ?? `AC${'0'.repeat(31)}1`;
  const authToken = options.authToken ?? 'stand-in-auth-token';
  const number = options.number ?? '+15005550006';
  const messages: ProviderMessage[] = [];
  const calls: ProviderCall[] = [];
  const requests: SmsProviderStandIn['requests'] = [];
  let nextFailure: { status: number; code: number; message: string; headers?: Record<string, string> } | undefined;

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const error = (res: ServerResponse, status: number, code: number, message: string, headers: Record<string, string> = {}) =>
    send(res, status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }, headers);

  const listening = await listenLoopback((req, res) => {
    void (async () => {
      const path = (req.url ?? '/').split('?')[0]!;
      const raw = await readBody(req);
      const form = (parseBody(req.headers['content-type'], raw) ?? {}) as Record<string, string>;
      const m = /^\/2010-04-01\/Accounts\/([^/]+)\/(Messages|Calls)\.json$/.exec(path);
      const auth = req.headers.authorization ?? '';
      const [user, pass] = auth.startsWith('Basic ') ? Buffer.from(auth.slice(6), 'base64').toString().split(':') : [];
      const authorized = user === accountSid && pass === authToken;
      requests.push({ path, authorized, form });
      if (!m || req.method !== 'POST') return error(res, 404, 20404, 'The requested resource was not found');
      if (!authorized) return error(res, 401, 20003, 'Authenticate');
      if (m[1] !== accountSid) return error(res, 404, 20404, `The requested resource ${path} was not found`);
      if (nextFailure) {
        const f = nextFailure;
        nextFailure = undefined;
        return error(res, f.status, f.code, f.message, f.headers);
      }
      const now = new Date().toUTCString().replace('GMT', '+0000');
      if (m[2] === 'Messages') {
        if (!form.To) return error(res, 400, 21604, "A 'To' phone number is required.");
        if (!form.From && !form.MessagingServiceSid) return error(res, 400, 21603, "A 'From' phone number is required.");
        if (!form.Body && !form.MediaUrl) return error(res, 400, 21602, 'Message body is required.');
        if (!E164.test(form.To)) return error(res, 400, 21211, `The 'To' number ${form.To} is not a valid phone number.`);
        const msg: ProviderMessage = { sid: sid('SM'), to: form.To, from: form.From ?? '', body: form.Body ?? '', ...(form.StatusCallback ? { statusCallback: form.StatusCallback } : {}), form };
        messages.push(msg);
        return send(res, 201, {
          sid: msg.sid, account_sid: accountSid, to: msg.to, from: msg.from, body: msg.body, status: 'queued',
          direction: 'outbound-api', num_segments: String(Math.max(1, Math.ceil(msg.body.length / 153))), num_media: '0',
          api_version: '2010-04-01', date_created: now, date_updated: now, date_sent: null, price: null, price_unit: 'USD',
          error_code: null, error_message: null, messaging_service_sid: form.MessagingServiceSid ?? null,
          uri: `/2010-04-01/Accounts/${accountSid}/Messages/${msg.sid}.json`,
          subresource_uris: { media: `/2010-04-01/Accounts/${accountSid}/Messages/${msg.sid}/Media.json` },
        });
      }
      if (!form.To) return error(res, 400, 21201, "No 'To' number is specified");
      if (!form.From) return error(res, 400, 21213, "No 'From' number is specified");
      if (!form.Twiml && !form.Url && !form.ApplicationSid) return error(res, 400, 21200, 'Provide Url, Twiml or ApplicationSid for the call instructions');
      if (!E164.test(form.To)) return error(res, 400, 21211, `The 'To' number ${form.To} is not a valid phone number.`);
      const call: ProviderCall = { sid: sid('CA'), to: form.To, from: form.From, ...(form.Twiml ? { twiml: form.Twiml } : {}), ...(form.Url ? { url: form.Url } : {}), form };
      calls.push(call);
      return send(res, 201, {
        sid: call.sid, account_sid: accountSid, to: call.to, from: call.from, status: 'queued', direction: 'outbound-api',
        api_version: '2010-04-01', date_created: now, date_updated: now, start_time: null, end_time: null, duration: null,
        price: null, price_unit: 'USD', parent_call_sid: null, uri: `/2010-04-01/Accounts/${accountSid}/Calls/${call.sid}.json`,
      });
    })().catch((err) => {
      res.writeHead(500);
      res.end(String(err));
    });
  });

  return {
    url: listening.url,
    accountSid,
    authToken,
    number,
    messages,
    calls,
    requests,
    rateLimitOnce(seconds) {
      nextFailure = { status: 429, code: 20429, message: 'Too Many Requests', headers: { 'retry-after': String(seconds) } };
    },
    failNext(status, code, message) {
      nextFailure = { status, code, message };
    },
    async sendInboundSms({ url, from, body, to, signWith }) {
      const messageSid = sid('SM');
      const params: Record<string, string> = {
        ToCountry: 'US', ToState: '', SmsMessageSid: messageSid, NumMedia: '0', ToCity: '', FromZip: '', SmsSid: messageSid,
        FromState: '', SmsStatus: 'received', FromCity: '', Body: body, FromCountry: '', To: to ?? number, ToZip: '',
        NumSegments: '1', MessageSid: messageSid, AccountSid: accountSid, From: from, ApiVersion: '2010-04-01',
      };
      // The provider's documented scheme: HMAC-SHA1(auth token, URL + sorted name/value pairs), base64.
      const data = Object.keys(params).sort().reduce((acc, k) => acc + k + params[k], url);
      const signature = createHmac('sha1', signWith ?? authToken).update(data).digest('base64');
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature, 'i-twilio-idempotency-token': messageSid },
        body: new URLSearchParams(params).toString(),
      });
      return { status: res.status, body: await res.text(), contentType: res.headers.get('content-type') ?? '' };
    },
    close: listening.close,
  };
}
