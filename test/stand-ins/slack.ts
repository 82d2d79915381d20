// A loopback stand-in for Slack: the Web API method chat.postMessage (plus auth.test, and
// conversations.replies to read a thread back), plus incoming webhooks in Slack's and Mattermost's URL shapes. It follows
// the documented protocol: form or JSON bodies, a Bearer token (or `token` parameter), HTTP 200
// with {ok:false,error} for API errors, HTTP 429 + Retry-After + {ok:false,error:"ratelimited"}
// when rate limited. Everything received is recorded for assertions.
//
// Use: const slack = await startSlackStandIn({ token: 'xoxb-test', channels: { C0EMERG: 'emergencies' } });
//      new WebClient('xoxb-test', { slackApiUrl: slack.apiUrl }) …; slack.messages; await slack.close();
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenLoopback, parseBody, readBody } from './http-util.ts';

export interface SlackMessage {
  channel: string;
  ts: string;
  text: string;
  thread_ts?: string;
  reply_broadcast?: boolean;
  blocks?: unknown;
  raw: Record<string, unknown>;
}

export interface SlackApiCall {
  method: string;
  contentType: string;
  token: string | undefined;
  args: Record<string, unknown>;
}

export interface WebhookPost {
  /** `slack` for /services/T…/B…/…, `mattermost` for /hooks/<key>. */
  flavour: 'slack' | 'mattermost';
  path: string;
  contentType: string;
  payload: Record<string, unknown>;
}

export interface SlackStandIn {
  /** Base URL for `new WebClient(token, { slackApiUrl })` (ends with /api/). */
  apiUrl: string;
  /** Base URL of the server; webhook URLs are `${url}/services/…` and `${url}/hooks/…`. */
  url: string;
  /** A Slack-shaped incoming-webhook URL that the stand-in accepts. */
  slackWebhookUrl: string;
  /** A Mattermost-shaped incoming-webhook URL that the stand-in accepts. */
  mattermostWebhookUrl: string;
  calls: SlackApiCall[];
  messages: SlackMessage[];
  webhookPosts: WebhookPost[];
  /** Replies of a thread, parent first. */
  thread(channelId: string, ts: string): SlackMessage[];
  /** The next API call gets HTTP 429, `Retry-After: seconds` and {ok:false,error:"ratelimited"}. */
  rateLimitOnce(retryAfterSeconds: number): void;
  /** The next API call answers {ok:false,error}. */
  failNext(error: string): void;
  /** The next webhook post gets this HTTP status and plain-text body. */
  failNextWebhook(status: number, body: string, headers?: Record<string, string>): void;
  close(): Promise<void>;
}

export interface SlackStandInOptions {
  token?: string;
  /** Channel id → name. Posts may name a channel by id, by name or by `#name`. */
  channels?: Record<string, string>;
  /** Secret path parts of the webhook URLs. */
  webhookKeys?: { slack?: string; mattermost?: string };
}

export async function startSlackStandIn(options: SlackStandInOptions = {}): Promise<SlackStandIn> {
  const token = options.token ?? 'xoxb-stand-in';
  const channels = options.channels ?? { C0HOTLINE1: 'emergencies' };
  const slackKey = options.webhookKeys?.slack ?? 'T00000000/B00000000/standinstandinstandin';
  const mmKey = options.webhookKeys?.mattermost ?? 'standinkey0000000000000000';
  const calls: SlackApiCall[] = [];
  const messages: SlackMessage[] = [];
  const webhookPosts: WebhookPost[] = [];
  let rateLimit: number | undefined;
  let nextError: string | undefined;
  let nextWebhookFailure: { status: number; body: string; headers?: Record<string, string> } | undefined;
  let seq = 0;
  const base = 1_700_000_000;

  const resolveChannel = (c: unknown): string | undefined => {
    if (typeof c !== 'string' || c === '') return undefined;
    if (channels[c]) return c;
    const name = c.replace(/^#/, '');
    return Object.entries(channels).find(([, n]) => n === name)?.[0];
  };

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  };

  const api = (method: string, args: Record<string, unknown>): Record<string, unknown> => {
    if (method === 'chat.postMessage') {
      const channel = resolveChannel(args.channel);
      if (!channel) return { ok: false, error: 'channel_not_found' };
      const text = typeof args.text === 'string' ? args.text : '';
      if (!text && args.blocks === undefined && args.attachments === undefined) return { ok: false, error: 'no_text' };
      const threadTs = typeof args.thread_ts === 'string' && args.thread_ts !== '' ? args.thread_ts : undefined;
      if (threadTs) {
        const parent = messages.find((m) => m.channel === channel && m.ts === threadTs);
        if (!parent) return { ok: false, error: 'thread_not_found' };
      }
      seq += 1;
      const ts = `${base + seq}.${String(seq).padStart(6, '0')}`;
      const msg: SlackMessage = {
        channel,
        ts,
        text,
        ...(threadTs ? { thread_ts: threadTs } : {}),
        ...(args.reply_broadcast === true || args.reply_broadcast === 'true' ? { reply_broadcast: true } : {}),
        ...(args.blocks !== undefined ? { blocks: args.blocks } : {}),
        raw: args,
      };
      messages.push(msg);
      const message = { type: 'message', subtype: 'bot_message', bot_id: 'B0STANDIN', text, ts, ...(threadTs ? { thread_ts: threadTs } : {}) };
      return { ok: true, channel, ts, message };
    }
    if (method === 'auth.test') {
      return { ok: true, url: 'https://stand-in.slack.test/', team: 'Stand-in', user: 'hotline', team_id: 'T0STANDIN', user_id: 'U0HOTLINE', bot_id: 'B0STANDIN' };
    }
    if (method === 'conversations.replies') {
      const channel = resolveChannel(args.channel);
      if (!channel) return { ok: false, error: 'channel_not_found' };
      const replies = standIn.thread(channel, String(args.ts ?? ''));
      if (replies.length === 0) return { ok: false, error: 'thread_not_found' };
      return { ok: true, has_more: false, messages: replies.map((m) => ({ type: 'message', text: m.text, ts: m.ts, thread_ts: m.thread_ts ?? m.ts })) };
    }
    return { ok: false, error: 'unknown_method' };
  };

  const handleApi = async (req: IncomingMessage, res: ServerResponse, method: string) => {
    const contentType = String(req.headers['content-type'] ?? '');
    const raw = await readBody(req);
    const args = parseBody(contentType, raw);
    if (!args) return json(res, 200, { ok: false, error: contentType ? 'invalid_form_data' : 'missing_post_type' });
    const auth = req.headers.authorization;
    const given = auth?.startsWith('Bearer ') ? auth.slice(7) : typeof args.token === 'string' ? args.token : undefined;
    calls.push({ method, contentType, token: given, args });
    if (rateLimit !== undefined) {
      const seconds = rateLimit;
      rateLimit = undefined;
      return json(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(seconds) });
    }
    if (!given) return json(res, 200, { ok: false, error: 'not_authed' });
    if (given !== token) return json(res, 200, { ok: false, error: 'invalid_auth' });
    if (nextError) {
      const error = nextError;
      nextError = undefined;
      return json(res, 200, { ok: false, error });
    }
    return json(res, 200, api(method, args));
  };

  const handleWebhook = async (req: IncomingMessage, res: ServerResponse, flavour: 'slack' | 'mattermost', path: string) => {
    const contentType = String(req.headers['content-type'] ?? '');
    const raw = await readBody(req);
    let payload = parseBody(contentType, raw);
    // Both accept a form field `payload` holding the JSON (Slack's legacy form, Mattermost's
    // no-Content-Type compatibility mode).
    const formPayload = payload?.payload ?? (contentType === '' ? new URLSearchParams(raw.toString()).get('payload') : undefined);
    if (typeof formPayload === 'string') {
      try {
        payload = JSON.parse(formPayload);
      } catch {
        payload = undefined;
      }
    }
    const text = (status: number, body: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
      res.end(body);
    };
    if (!payload) return text(400, 'invalid_payload');
    webhookPosts.push({ flavour, path, contentType, payload });
    if (nextWebhookFailure) {
      const f = nextWebhookFailure;
      nextWebhookFailure = undefined;
      return text(f.status, f.body, f.headers);
    }
    if (typeof payload.text !== 'string' && payload.attachments === undefined && payload.blocks === undefined) return text(400, 'no_text');
    return text(200, 'ok');
  };

  const listening = await listenLoopback((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const run = async () => {
      if (req.method !== 'POST') return json(res, 405, { ok: false, error: 'method_not_allowed' });
      const apiMatch = /^\/api\/([a-zA-Z.]+)$/.exec(path);
      if (apiMatch) return handleApi(req, res, apiMatch[1]!);
      if (path === `/services/${slackKey}`) return handleWebhook(req, res, 'slack', path);
      if (path === `/hooks/${mmKey}`) return handleWebhook(req, res, 'mattermost', path);
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('no_service');
    };
    run().catch((err) => {
      res.writeHead(500);
      res.end(String(err));
    });
  });

  const standIn: SlackStandIn = {
    apiUrl: `${listening.url}/api/`,
    url: listening.url,
    slackWebhookUrl: `${listening.url}/services/${slackKey}`,
    mattermostWebhookUrl: `${listening.url}/hooks/${mmKey}`,
    calls,
    messages,
    webhookPosts,
    thread: (channelId, ts) => messages.filter((m) => m.channel === channelId && (m.ts === ts || m.thread_ts === ts)),
    rateLimitOnce: (s) => {
      rateLimit = s;
    },
    failNext: (e) => {
      nextError = e;
    },
    failNextWebhook: (status, body, headers) => {
      nextWebhookFailure = { status, body, ...(headers ? { headers } : {}) };
    },
    close: listening.close,
  };
  return standIn;
}
