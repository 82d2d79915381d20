// Notification settings of a running node: the channel set (from HOTLINE_* settings, see
// channels/registry.ts), the public URL used in action links, and the inbound verification
// secrets. One per Ctx; tests replace it with configureNotify.
import { channelsConfigFromEnv, createChannels, type ChannelSet } from './channels/index.ts';
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

export function notifyConfigFromEnv(env: Env): NotifyConfig {
  return {
    channels: createChannels(channelsConfigFromEnv(env)),
    publicUrl: (env.HOTLINE_PUBLIC_URL ?? 'http://localhost:8080').replace(/\/+$/, ''),
    actionSecret: env.HOTLINE_ACTION_SECRET || null,
    slackSigningSecret: env.HOTLINE_SLACK_SIGNING_SECRET || null,
    smsAuthToken: env.HOTLINE_TWILIO_AUTH_TOKEN || null,
  };
}

const configs = new WeakMap<object, NotifyConfig>();

export function notifyConfig(ctx: Ctx): NotifyConfig {
  let c = configs.get(ctx);
  if (!c) {
    c = notifyConfigFromEnv(process.env);
    configs.set(ctx, c);
  }
  return c;
}

/** Replace parts of a node's notification settings (tests, `hotline start` flags). */
export function configureNotify(ctx: Ctx, patch: Partial<NotifyConfig>): NotifyConfig {
  const c = { ...notifyConfig(ctx), ...patch };
  configs.set(ctx, c);
  return c;
}
