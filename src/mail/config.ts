// Mail intake settings from the environment. The listener is off unless a port is given.
import { invalid } from '../kernel/errors.ts';

export interface MailIntakeConfig {
  /** Listen address; loopback by default so nothing is exposed by accident. */
  host?: string;
  /** 0 picks a free port (tests); 25 or 2525 in production. */
  port?: number;
  /** Name in the greeting and EHLO answer. */
  serverName?: string;
  /** Largest accepted message in bytes, advertised with SIZE (RFC 1870). */
  maxBytes?: number;
  /** When set, only these senders may deliver (see sender-policy.ts for the entry forms). */
  allowedSenders?: readonly string[];
  /** When set, RCPT TO is refused for other domains: the listener is never an open relay. */
  acceptedRecipientDomains?: readonly string[];
  /** PEM key and certificate to offer STARTTLS; without them STARTTLS is not advertised. */
  tls?: { key: string | Buffer; cert: string | Buffer };
  maxClients?: number;
  socketTimeoutMs?: number;
  /** Look up the client's host name before the greeting (up to 1.5 s per connection); off by default. */
  reverseLookup?: boolean;
}

const list = (v: string | undefined) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);

/**
 * HOTLINE_MAIL_INTAKE_PORT (required to enable), HOTLINE_MAIL_INTAKE_HOST (default 127.0.0.1),
 * HOTLINE_MAIL_INTAKE_MAX_BYTES, HOTLINE_MAIL_ALLOWED_SENDERS and HOTLINE_MAIL_DOMAINS
 * (comma-separated).
 */
export function mailIntakeConfigFromEnv(env: Record<string, string | undefined>): MailIntakeConfig | undefined {
  const portText = env.HOTLINE_MAIL_INTAKE_PORT;
  if (!portText) return undefined;
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw invalid('config.bad_port', `HOTLINE_MAIL_INTAKE_PORT must be a port number (0–65535), got "${portText}".`);
  }
  const maxText = env.HOTLINE_MAIL_INTAKE_MAX_BYTES;
  const maxBytes = maxText ? Number(maxText) : undefined;
  if (maxBytes !== undefined && (!Number.isInteger(maxBytes) || maxBytes <= 0)) {
    throw invalid('config.bad_number', `HOTLINE_MAIL_INTAKE_MAX_BYTES must be a positive whole number of bytes, got "${maxText}".`);
  }
  const senders = list(env.HOTLINE_MAIL_ALLOWED_SENDERS);
  const domains = list(env.HOTLINE_MAIL_DOMAINS);
  return {
    port,
    host: env.HOTLINE_MAIL_INTAKE_HOST || '127.0.0.1',
    ...(maxBytes !== undefined ? { maxBytes } : {}),
    ...(senders.length ? { allowedSenders: senders } : {}),
    ...(domains.length ? { acceptedRecipientDomains: domains } : {}),
  };
}
