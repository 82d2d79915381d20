// Notification settings of a running node: the channel set (from HOTLINE_* settings, see
// channels/adapters.ts), the public URL used in action links, and the inbound verification
// secrets. One per node, on its Ctx (read from the environment on first use); tests replace it with
// configureNotify.
import nodemailer from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import { EmailChannel, channelsConfigFromEnv, createChannels, type ChannelSet, type EmailChannelConfig } from './channels/index.ts';
import type { Ctx } from '../runtime/context.ts';

export interface NotifyConfig {
  channels: ChannelSet;
  /** Base of links in notifications, e.g. https://hotline.example.com. */
  publicUrl: string;
  /** Signs action links; when absent a secret is generated once and kept in the database. */
  actionSecret: string | null;
  /** Slack app signing secret, for interactive buttons (null: the route refuses every request). */
  slackSigningSecret: string | null;
  /** SMS provider auth token for inbound signature checks (null: inbound SMS is refused). */
  smsAuthToken: string | null;
}

type Env = Record<string, string | undefined>;

/**
 * HOTLINE_NOTIFY_SMTP_HOST / _PORT win over HOTLINE_SMTP_HOST / _PORT for outgoing page mail, so a
 * node whose inbound mail listener also reads HOTLINE_SMTP_PORT can still send elsewhere.
 */
export function notifyConfigFromEnv(env: Env): NotifyConfig {
  const outbound = { ...env };
  if (env.HOTLINE_NOTIFY_SMTP_HOST) outbound.HOTLINE_SMTP_HOST = env.HOTLINE_NOTIFY_SMTP_HOST;
  if (env.HOTLINE_NOTIFY_SMTP_PORT) outbound.HOTLINE_SMTP_PORT = env.HOTLINE_NOTIFY_SMTP_PORT;
  const channels = channelsConfigFromEnv(outbound);
  const pooled = !!channels.email && env.HOTLINE_SMTP_POOL !== '0';
  const set = createChannels(pooled ? { ...channels, email: { ...channels.email!, pool: false } } : channels);
  return {
    channels: pooled ? withPooledEmail(set, channels.email!) : set,
    publicUrl: (env.HOTLINE_PUBLIC_URL ?? 'http://localhost:8080').replace(/\/+$/, ''),
    actionSecret: env.HOTLINE_ACTION_SECRET || null,
    slackSigningSecret: env.HOTLINE_SLACK_SIGNING_SECRET || null,
    smsAuthToken: env.HOTLINE_TWILIO_AUTH_TOKEN || null,
  };
}

/**
 * Pages go out in bursts: keep SMTP connections open instead of a handshake per message (p50
 * from 140 ms to 5 ms per message on loopback). The pool never retires a connection by message
 * count: with nodemailer's default of 100, a message handed over while every connection was being
 * recycled could wait forever.
 */
function withPooledEmail(set: ChannelSet, email: EmailChannelConfig): ChannelSet {
  const channel = new EmailChannel({ ...email, pool: true });
  const c = channel as unknown as { transport: { close(): void } };
  c.transport.close();
  c.transport = nodemailer.createTransport({
    host: email.host, port: email.port, secure: email.secure, requireTLS: email.requireTLS ?? false, ignoreTLS: email.ignoreTLS ?? false,
    ...(email.auth ? { auth: email.auth } : {}), pool: true, maxConnections: 5, maxMessages: Infinity,
    connectionTimeout: email.timeoutMs ?? 30_000, greetingTimeout: email.timeoutMs ?? 30_000, socketTimeout: email.timeoutMs ?? 30_000,
    tls: { rejectUnauthorized: email.tlsRejectUnauthorized ?? true },
  } as SMTPPool.Options);
  return {
    kinds: () => set.kinds(),
    has: (k) => set.has(k),
    get: (k) => (k === 'email' ? channel : set.get(k)),
    close: () => {
      channel.close();
      set.close();
    },
  };
}

declare module '../runtime/context.ts' {
  interface NodeConfig {
    notify: NotifyConfig;
  }
}

export function notifyConfig(ctx: Ctx): NotifyConfig {
  return (ctx.config.notify ??= notifyConfigFromEnv(process.env));
}

/** Replace parts of a node's notification settings (tests, `hotline start` flags). */
export function configureNotify(ctx: Ctx, patch: Partial<NotifyConfig>): NotifyConfig {
  const c = { ...notifyConfig(ctx), ...patch };
  ctx.config.notify = c;
  return c;
}
