// Inbound e-mail (TK-8): an SMTP listener that accepts mail for the support mailbox, enforces a
// size limit and an optional sender allow-list, parses each message and hands it to the ticket
// intake. The message is acknowledged (250) only after the handler has finished, so a crash or a
// handler error makes the sending server retry later (451) instead of losing the mail.
import { SMTPServer, type SMTPServerDataStream, type SMTPServerOptions, type SMTPServerSession } from 'smtp-server';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import type { MailIntakeConfig } from './config.ts';
import type { InboundMail, MailAddress } from './inbound-mail.ts';
import { isRecipientDomainAccepted, isSenderAllowed } from './sender-policy.ts';

export const DEFAULT_MAX_MAIL_BYTES = 25 * 1024 * 1024;

export type MailHandler = (mail: InboundMail) => Promise<void>;

/** Thrown by a handler to refuse a message for good (5xx) instead of asking for a retry. */
export class MailRejected extends Error {
  constructor(
    readonly responseCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'MailRejected';
  }
}

export interface MailIntake {
  host: string;
  port: number;
  close(): Promise<void>;
}

const smtpError = (responseCode: number, message: string) => Object.assign(new Error(message), { responseCode });

const senderRefusal = (who: string) =>
  smtpError(550, `5.7.1 Sender <${who}> is not allowed to open support requests here; ask your support contact to add your address or domain`);

export async function startMailIntake(config: MailIntakeConfig, onMail: MailHandler): Promise<MailIntake> {
  const maxBytes = config.maxBytes ?? DEFAULT_MAX_MAIL_BYTES;
  const allow = config.allowedSenders;

  const onData = (stream: SMTPServerDataStream, session: SMTPServerSession, reply: (err?: Error | null) => void) => {
    // A stream error can be followed by 'end'; the client must get exactly one answer.
    let answered = false;
    const callback = (err?: Error | null) => {
      if (answered) return;
      answered = true;
      reply(err);
    };
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Keep draining past the limit (the client is still sending) but stop holding the bytes.
      if (size <= maxBytes) chunks.push(chunk);
    });
    stream.on('error', (err: Error) => callback(err));
    stream.on('end', () => {
      if (stream.sizeExceeded || size > maxBytes) {
        return callback(smtpError(552, `5.3.4 Message of ${size} bytes exceeds the ${maxBytes}-byte limit; send large files as links`));
      }
      const raw = Buffer.concat(chunks);
      void (async () => {
        // textAsHtml (with link detection) is never used here; skipping it saves work on every message.
        const parsed = await simpleParser(raw, { skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true });
        const mail = toInboundMail(
          parsed,
          {
            mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
            rcptTo: session.envelope.rcptTo.map((r) => r.address),
            remoteAddress: session.remoteAddress,
            clientHostname: session.clientHostname,
          },
          raw.length,
        );
        // The header From can differ from the envelope sender; both must pass the allow-list.
        if (!isSenderAllowed(mail.from?.address, allow)) throw senderRefusal(mail.from?.address ?? '');
        await onMail(mail);
      })().then(
        () => callback(),
        (err: unknown) => {
          if (err instanceof MailRejected) return callback(smtpError(err.responseCode, err.message));
          const e = err as { responseCode?: number; message?: string };
          if (typeof e.responseCode === 'number') return callback(err as Error);
          // Unknown failure in parsing or intake: temporary, so the sender keeps the message.
          return callback(smtpError(451, `4.3.0 Message could not be processed now, please retry (${e.message ?? 'error'})`));
        },
      );
    });
  };

  const options: SMTPServerOptions = {
    name: config.serverName ?? 'hotline',
    banner: 'Hotline mail intake',
    size: maxBytes,
    rejectOversized: true,
    authOptional: true,
    disabledCommands: config.tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    ...(config.tls ? { key: config.tls.key, cert: config.tls.cert } : {}),
    maxClients: config.maxClients ?? 100,
    disableReverseLookup: !(config.reverseLookup ?? false),
    socketTimeout: config.socketTimeoutMs ?? 60_000,
    logger: false,
    onRcptTo(address, session, callback) {
      if (!isRecipientDomainAccepted(address.address, config.acceptedRecipientDomains)) {
        return callback(smtpError(550, `5.1.1 Recipient <${address.address}> is not handled by this server`));
      }
      // Refusing at RCPT (rather than MAIL FROM) is what sending servers handle best: the
      // bounce names the recipient and the reason.
      const sender = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
      if (!isSenderAllowed(sender, allow)) return callback(senderRefusal(sender));
      callback();
    },
    onData,
  };

  const server = new SMTPServer(options);
  server.on('error', () => {
    // Per-connection errors (resets, timeouts) are the client's problem; the listener keeps going.
  });
  await new Promise<void>((resolve, reject) => {
    const net = (server as unknown as { server: import('node:net').Server }).server;
    net.once('error', reject);
    server.listen(config.port ?? 0, config.host ?? '127.0.0.1', () => {
      net.off('error', reject);
      resolve();
    });
  });
  const address = (server as unknown as { server: { address(): AddressInfo } }).server.address();
  return {
    host: address.address,
    port: address.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// The parsed message as Hotline reads it: mailparser's output and the SMTP envelope.
function flatten(obj: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const list = obj === undefined ? [] : Array.isArray(obj) ? obj : [obj];
  const out: MailAddress[] = [];
  const walk = (entries: AddressObject['value']) => {
    for (const e of entries) {
      if (e.group) walk(e.group);
      else if (e.address) out.push({ address: e.address, name: e.name ?? '' });
    }
  };
  list.forEach((o) => walk(o.value));
  return out;
}

function isAutoSubmitted(parsed: ParsedMail): boolean {
  const h = parsed.headers;
  const auto = String(h.get('auto-submitted') ?? 'no').toLowerCase();
  const precedence = String(h.get('precedence') ?? '').toLowerCase();
  return auto !== 'no' || ['bulk', 'junk', 'list', 'auto_reply'].includes(precedence) || h.has('x-autoreply') || h.has('x-autorespond');
}

export function toInboundMail(
  parsed: ParsedMail,
  envelope: InboundMail['envelope'],
  sizeBytes: number,
): InboundMail {
  const refs = parsed.references === undefined ? [] : Array.isArray(parsed.references) ? parsed.references : parsed.references.split(/\s+/);
  const date = parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date.toISOString() : null;
  return {
    messageId: parsed.messageId ?? null,
    inReplyTo: parsed.inReplyTo ?? null,
    references: refs.filter(Boolean),
    from: flatten(parsed.from)[0] ?? null,
    to: flatten(parsed.to),
    cc: flatten(parsed.cc),
    replyTo: flatten(parsed.replyTo)[0] ?? null,
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : null,
    date,
    attachments: parsed.attachments.map((a) => ({
      filename: a.filename ?? null,
      contentType: a.contentType,
      size: a.size,
      content: a.content,
      contentId: a.contentId ?? null,
    })),
    autoSubmitted: isAutoSubmitted(parsed),
    envelope,
    sizeBytes,
  };
}
