// One place that turns process configuration into the set of channels the jobs engine delivers
// through. Only configured channels exist; asking for another kind is a clear configuration error.
import { invalid } from '../../kernel/errors.ts';
import type { Channel, ChannelKind } from './channel.ts';
import { EmailChannel, type EmailChannelConfig } from './adapter-email.ts';
import { ChatWebhookChannel, SlackChannel, type ChatWebhookConfig, type SlackChannelConfig } from './adapter-slack.ts';
import { SmsChannel, type SmsChannelConfig } from './sms.ts';
import { TwilioProvider, type TwilioConfig } from './adapter-twilio.ts';
import { VoiceChannel, type VoiceChannelConfig } from './voice.ts';
import { WebhookChannel, type WebhookChannelConfig } from './adapter-webhook.ts';

export interface ChannelsConfig {
  email?: EmailChannelConfig;
  slack?: SlackChannelConfig;
  chatWebhook?: ChatWebhookConfig;
  webhook?: WebhookChannelConfig;
  twilio?: TwilioConfig & { sms?: SmsChannelConfig; voice?: VoiceChannelConfig };
}

export interface ChannelSet {
  kinds(): ChannelKind[];
  has(kind: ChannelKind): boolean;
  /** Throws `notify.channel_not_configured` for a kind without configuration. */
  get(kind: ChannelKind): Channel;
  close(): void;
}

export function createChannels(config: ChannelsConfig): ChannelSet {
  const map = new Map<ChannelKind, Channel>();
  const email = config.email ? new EmailChannel(config.email) : undefined;
  if (email) map.set('email', email);
  if (config.slack) map.set('slack', new SlackChannel(config.slack));
  if (config.chatWebhook) map.set('chat-webhook', new ChatWebhookChannel(config.chatWebhook));
  if (config.webhook) map.set('webhook', new WebhookChannel(config.webhook));
  if (config.twilio) {
    const provider = new TwilioProvider(config.twilio);
    map.set('sms', new SmsChannel(provider, config.twilio.sms));
    map.set('voice', new VoiceChannel(provider, config.twilio.voice));
  }
  return {
    kinds: () => [...map.keys()],
    has: (kind) => map.has(kind),
    get(kind) {
      const c = map.get(kind);
      if (!c) {
        throw invalid('notify.channel_not_configured', `No ${kind} channel is configured; set its HOTLINE_* settings or remove ${kind} contact methods.`, { kind });
      }
      return c;
    },
    close: () => email?.close(),
  };
}

type Env = Record<string, string | undefined>;

const num = (v: string | undefined, name: string): number | undefined => {
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw invalid('config.bad_number', `${name} must be a whole number, got "${v}".`, { name });
  return n;
};
const bool = (v: string | undefined): boolean | undefined => (v === undefined || v === '' ? undefined : ['1', 'true', 'yes', 'on'].includes(v.toLowerCase()));

/**
 * Channel settings from the environment. A channel is configured when its key setting is present:
 * HOTLINE_SMTP_HOST, HOTLINE_SLACK_TOKEN, HOTLINE_CHAT_WEBHOOK_URL, HOTLINE_WEBHOOK_SECRET,
 * HOTLINE_TWILIO_ACCOUNT_SID.
 */
export function channelsConfigFromEnv(env: Env): ChannelsConfig {
  const out: ChannelsConfig = {};
  if (env.HOTLINE_SMTP_HOST) {
    const secure = bool(env.HOTLINE_SMTP_SECURE) ?? false;
    out.email = {
      host: env.HOTLINE_SMTP_HOST,
      port: num(env.HOTLINE_SMTP_PORT, 'HOTLINE_SMTP_PORT') ?? (secure ? 465 : 587),
      secure,
      from: env.HOTLINE_MAIL_FROM ?? `Hotline <hotline@${env.HOTLINE_SMTP_HOST}>`,
      ...(env.HOTLINE_SMTP_USER ? { auth: { user: env.HOTLINE_SMTP_USER, pass: env.HOTLINE_SMTP_PASS ?? '' } } : {}),
      ...(bool(env.HOTLINE_SMTP_REQUIRE_TLS) !== undefined ? { requireTLS: bool(env.HOTLINE_SMTP_REQUIRE_TLS)! } : {}),
      ...(env.HOTLINE_MAIL_REPLY_TO ? { replyTo: env.HOTLINE_MAIL_REPLY_TO } : {}),
    };
  }
  if (env.HOTLINE_SLACK_TOKEN) {
    out.slack = {
      token: env.HOTLINE_SLACK_TOKEN,
      ...(env.HOTLINE_SLACK_API_URL ? { apiUrl: env.HOTLINE_SLACK_API_URL } : {}),
      ...(env.HOTLINE_SLACK_DEFAULT_CHANNEL ? { defaultChannel: env.HOTLINE_SLACK_DEFAULT_CHANNEL } : {}),
    };
  }
  if (env.HOTLINE_CHAT_WEBHOOK_URL) {
    const flavour = env.HOTLINE_CHAT_WEBHOOK_FLAVOUR === 'mattermost' ? 'mattermost' : 'slack';
    out.chatWebhook = { url: env.HOTLINE_CHAT_WEBHOOK_URL, flavour };
  }
  if (env.HOTLINE_WEBHOOK_SECRET) {
    out.webhook = {
      // Comma-separated while rotating: the first signs, all are sent.
      secret: env.HOTLINE_WEBHOOK_SECRET.split(',').map((s) => s.trim()).filter(Boolean),
      ...(env.HOTLINE_WEBHOOK_SIGNATURE_HEADER ? { signatureHeader: env.HOTLINE_WEBHOOK_SIGNATURE_HEADER } : {}),
    };
  }
  if (env.HOTLINE_TWILIO_ACCOUNT_SID) {
    out.twilio = {
      accountSid: env.HOTLINE_TWILIO_ACCOUNT_SID,
      authToken: env.HOTLINE_TWILIO_AUTH_TOKEN ?? '',
      from: env.HOTLINE_TWILIO_FROM ?? '',
      ...(env.HOTLINE_TWILIO_BASE_URL ? { baseUrl: env.HOTLINE_TWILIO_BASE_URL } : {}),
    };
  }
  return out;
}
