// E-mail out over SMTP (PG-6, WF-1). The Message-ID is derived from the idempotency key, so a
// retried job sends a message that mail systems (and people) recognise as the same one.
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { delivered, failed, type Channel, type Delivery, type SendResult } from './channel.ts';
import { actionsHtml, digest, textToHtml, textWithActions } from './render.ts';

export interface EmailChannelConfig {
  host: string;
  port: number;
  /** true = implicit TLS (465); false = plain, upgraded with STARTTLS when offered. */
  secure: boolean;
  auth?: { user: string; pass: string };
  /** Envelope and header sender, e.g. `Hotline <support@example.com>`. */
  from: string;
  /** Right-hand side of generated Message-IDs; defaults to the domain of `from`. */
  messageIdDomain?: string;
  /** Refuse to send without STARTTLS (production); tests on loopback leave it off. */
  requireTLS?: boolean;
  /** Skip STARTTLS even when offered (loopback stand-ins with self-signed certificates). */
  ignoreTLS?: boolean;
  tlsRejectUnauthorized?: boolean;
  /** Reuse connections between sends. */
  pool?: boolean;
  timeoutMs?: number;
  replyTo?: string;
}

function domainOf(address: string): string {
  const m = /@([^>\s]+)>?\s*$/.exec(address);
  return m ? m[1]!.toLowerCase() : 'hotline.invalid';
}

/** `<…@domain>` from an idempotency key: the same key always yields the same Message-ID. */
export function messageIdFor(idempotencyKey: string, domain: string): string {
  return `<hl.${digest(idempotencyKey)}@${domain}>`;
}

/** The synthetic root every message of a thread refers to, so clients group them together. */
export function threadRootIdFor(threadKey: string, domain: string): string {
  return `<thread.${digest(threadKey)}@${domain}>`;
}

// SMTP reply codes: 4xx is "try again later", 5xx is "this will never work" (RFC 5321 §4.2.1).
const RETRYABLE_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNRESET', 'ECONNREFUSED', 'ETLS']);

export function classifySmtpError(err: unknown): SendResult {
  const e = err as { responseCode?: number; code?: string; message?: string; response?: string };
  const message = e.response ?? e.message ?? String(err);
  if (typeof e.responseCode === 'number') {
    return failed(e.responseCode < 500, `smtp ${e.responseCode}: ${message}`);
  }
  if (e.code && RETRYABLE_CODES.has(e.code)) return failed(true, `${e.code}: ${message}`);
  // EAUTH, EENVELOPE without a server reply, EMESSAGE: configuration or content problems.
  return failed(false, e.code ? `${e.code}: ${message}` : message);
}

/** Action links go at the end of the visible body, inside `<body>` when the HTML is a document. */
export function withActions(html: string, actions: string): string {
  if (!actions) return html;
  const at = html.search(/<\/body>/i);
  return at < 0 ? `${html}\n${actions}` : `${html.slice(0, at)}${actions}\n${html.slice(at)}`;
}

export class EmailChannel implements Channel {
  readonly kind = 'email' as const;
  private readonly transport: Transporter<SMTPTransport.SentMessageInfo>;
  private readonly domain: string;

  constructor(private readonly config: EmailChannelConfig) {
    this.domain = config.messageIdDomain ?? domainOf(config.from);
    const timeout = config.timeoutMs ?? 30_000;
    const options: SMTPTransport.Options = {
      host: config.host,
      port: config.port,
      secure: config.secure,
      requireTLS: config.requireTLS ?? false,
      ignoreTLS: config.ignoreTLS ?? false,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
      tls: { rejectUnauthorized: config.tlsRejectUnauthorized ?? true },
    };
    if (config.auth) options.auth = config.auth;
    this.transport = config.pool
      ? nodemailer.createTransport({ ...options, pool: true } as SMTPTransport.Options)
      : nodemailer.createTransport(options);
  }

  /** The Message-ID a delivery is sent with (for the delivery log before the attempt). */
  messageIdOf(delivery: Pick<Delivery, 'idempotencyKey'>): string {
    return messageIdFor(delivery.idempotencyKey, this.domain);
  }

  async send(delivery: Delivery): Promise<SendResult> {
    const messageId = this.messageIdOf(delivery);
    const root = delivery.threadRef ?? (delivery.threadKey ? threadRootIdFor(delivery.threadKey, this.domain) : undefined);
    const text = textWithActions(delivery.text, delivery.actions);
    const html = withActions(delivery.html ?? textToHtml(delivery.text), actionsHtml(delivery.actions));
    try {
      const info = await this.transport.sendMail({
        from: this.config.from,
        to: delivery.to,
        ...(delivery.replyTo || this.config.replyTo ? { replyTo: delivery.replyTo ?? this.config.replyTo } : {}),
        subject: delivery.subject ?? delivery.text.split('\n')[0]!.slice(0, 120),
        text,
        html,
        messageId,
        ...(root ? { inReplyTo: root, references: [root] } : {}),
        headers: {
          // RFC 3834: vacation responders must not answer, or a pager mail could loop forever.
          'Auto-Submitted': 'auto-generated',
          'X-Hotline-Delivery': delivery.idempotencyKey,
        },
      });
      if (info.rejected.length > 0 && info.accepted.length === 0) {
        return failed(false, `recipient rejected: ${info.rejected.join(', ')}`);
      }
      return delivered(info.messageId ?? messageId, root);
    } catch (err) {
      return classifySmtpError(err);
    }
  }

  async verify(): Promise<boolean> {
    return this.transport.verify();
  }

  close(): void {
    this.transport.close();
  }
}
