// Chat out (WF-1 thread, PG-6 chat contact method): Slack's Web API through @slack/web-api with a
// configurable base URL, and Slack/Mattermost incoming webhooks. Hotline keeps its own thread; these
// mirror it where a team lives.
import {
  LogLevel,
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
  WebClient,
} from '@slack/web-api';
import { delivered, describeNetworkError, failed, httpVerdict, parseRetryAfter, type Channel, type Delivery, type SendResult } from './channel.ts';

/** Where a Hotline thread's root message lives in chat; the default keeps it in memory. */
export interface ThreadRefStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, ref: string): Promise<void>;
}

export function memoryThreadRefStore(): ThreadRefStore {
  const map = new Map<string, string>();
  return {
    get: async (k) => map.get(k),
    set: async (k, v) => {
      map.set(k, v);
    },
  };
}

export interface SlackChannelConfig {
  token: string;
  /** Base of the Web API, `https://slack.com/api/` in production. */
  apiUrl?: string;
  /** Used when a delivery has no `to`. */
  defaultChannel?: string;
  timeoutMs?: number;
  threads?: ThreadRefStore;
}

/** Slack mrkdwn: only &, < and > are control characters in text (Slack "formatting" docs). */
export function escapeSlack(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function slackText(d: Pick<Delivery, 'subject' | 'text' | 'actions'>, bold: '*' | '**' = '*'): string {
  const parts: string[] = [];
  if (d.subject) parts.push(`${bold}${escapeSlack(d.subject)}${bold}`);
  parts.push(escapeSlack(d.text));
  if (d.actions?.length) parts.push(d.actions.map((a) => `<${a.url}|${escapeSlack(a.label).replace(/\|/g, '/')}>`).join(' · '));
  return parts.join('\n');
}

// Platform errors that a later attempt can fix; every other code (channel_not_found,
// not_in_channel, invalid_auth, is_archived, msg_too_long, …) needs a person to change something.
const TRANSIENT_SLACK_ERRORS = new Set(['ratelimited', 'rate_limited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

export function classifySlackError(err: unknown): SendResult {
  if (err instanceof WebAPIRateLimitedError) return failed(true, 'ratelimited', err.retryAfter * 1000);
  if (err instanceof WebAPIPlatformError) {
    const code = err.data.error;
    return failed(TRANSIENT_SLACK_ERRORS.has(code), code);
  }
  if (err instanceof WebAPIHTTPError) return failed(httpVerdict(err.statusCode) === 'retry', `http ${err.statusCode}`);
  if (err instanceof WebAPIRequestError) return failed(true, describeNetworkError(err.original));
  return failed(true, describeNetworkError(err));
}

export class SlackChannel implements Channel {
  readonly kind = 'slack' as const;
  private readonly client: WebClient;
  private readonly threads: ThreadRefStore;

  constructor(private readonly config: SlackChannelConfig) {
    this.client = new WebClient(config.token, {
      slackApiUrl: config.apiUrl ?? 'https://slack.com/api/',
      // The jobs engine owns retries and back-off; the client must answer once per attempt.
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: config.timeoutMs ?? 10_000,
      logLevel: LogLevel.ERROR,
    });
    this.threads = config.threads ?? memoryThreadRefStore();
  }

  async send(delivery: Delivery): Promise<SendResult> {
    const channel = delivery.to || this.config.defaultChannel;
    if (!channel) return failed(false, 'no_channel: set the delivery address or defaultChannel');
    const storeKey = delivery.threadKey ? `${channel}|${delivery.threadKey}` : undefined;
    const root = delivery.threadRef ?? (storeKey ? await this.threads.get(storeKey) : undefined);
    try {
      const res = await this.client.chat.postMessage({
        channel,
        text: slackText(delivery),
        ...(root ? { thread_ts: root } : {}),
        unfurl_links: false,
        // Slack cannot deduplicate, so the key travels with the message: a doubled post after a
        // lost response can be recognised in the channel's history.
        metadata: { event_type: 'hotline_delivery', event_payload: { idempotency_key: delivery.idempotencyKey } },
      });
      const ts = res.ts!;
      const postedIn = res.channel ?? channel;
      const threadRef = root ?? (storeKey ? ts : undefined);
      if (storeKey && !root) await this.threads.set(storeKey, ts);
      return delivered(`${postedIn}/${ts}`, threadRef);
    } catch (err) {
      return classifySlackError(err);
    }
  }

  /** auth.test: whether the token works, for a readiness check or the settings page. */
  async verify(): Promise<{ ok: true; team: string; user: string } | { ok: false; error: string }> {
    try {
      const r = await this.client.auth.test();
      return { ok: true, team: r.team ?? '', user: r.user ?? '' };
    } catch (err) {
      const res = classifySlackError(err);
      return { ok: false, error: res.ok ? 'unknown' : res.error };
    }
  }
}

export interface ChatWebhookConfig {
  /** Used when a delivery has no `to` (the webhook URL). */
  url?: string;
  /** Mattermost renders `**bold**`, Slack `*bold*`; both take the `{text}` JSON body. */
  flavour?: 'slack' | 'mattermost';
  username?: string;
  timeoutMs?: number;
}

/** Slack and Mattermost incoming webhooks: a JSON `{text}` POST answered by 200 `ok`. */
export class ChatWebhookChannel implements Channel {
  readonly kind = 'chat-webhook' as const;
  constructor(private readonly config: ChatWebhookConfig = {}) {}

  async send(delivery: Delivery): Promise<SendResult> {
    const url = delivery.to || this.config.url;
    if (!url) return failed(false, 'no_url: set the delivery address or the webhook url');
    const body = {
      text: slackText(delivery, this.config.flavour === 'mattermost' ? '**' : '*'),
      ...(this.config.username ? { username: this.config.username } : {}),
    };
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.timeoutMs ?? 10_000),
      });
      const answer = (await res.text()).slice(0, 200);
      const verdict = httpVerdict(res.status);
      if (verdict === 'ok') return delivered();
      return failed(verdict === 'retry', `http ${res.status}: ${answer}`, parseRetryAfter(res.headers.get('retry-after'), Date.now()));
    } catch (err) {
      return failed(true, describeNetworkError(err));
    }
  }
}
