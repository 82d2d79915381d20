// Mail intake settings from the environment. The listener is off unless a port is given.
import { invalid } from '../kernel/errors.ts';
import type { MailIntakeConfig } from './smtp-intake.ts';

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
