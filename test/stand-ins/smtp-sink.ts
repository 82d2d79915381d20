// A loopback SMTP server that accepts and records mail, for tests of anything that sends e-mail.
// Real SMTP on a real socket: what the test sees is what a mail server would have received.
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';

export interface SinkMessage {
  envelope: { mailFrom: string | null; rcptTo: string[] };
  raw: Buffer;
  parsed: ParsedMail;
  user?: string;
}

export interface SmtpSink {
  host: string;
  port: number;
  messages: SinkMessage[];
  /** Answer the next DATA with this SMTP error (e.g. 451 temporary, 550 permanent). */
  failNextData(code: number, message: string): void;
  /**
   * Record the next message but never answer its DATA: the mail arrived, the sender never hears
   * so (as when the sending node dies, or the answer is lost, at that moment).
   */
  holdNextData(): void;
  /** Resolves once `count` messages have been received. */
  waitFor(count: number, timeoutMs?: number): Promise<SinkMessage[]>;
  close(): Promise<void>;
}

export async function startSmtpSink(options: { auth?: { user: string; pass: string } } = {}): Promise<SmtpSink> {
  const messages: SinkMessage[] = [];
  const waiters: Array<() => void> = [];
  let nextFailure: { code: number; message: string } | undefined;
  let holdNext = false;

  const serverOptions: SMTPServerOptions = {
    secure: false,
    disabledCommands: options.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    logger: false,
    disableReverseLookup: true,
    onAuth(auth, _session, cb) {
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass) {
        return cb(null, { user: auth.username });
      }
      const err = Object.assign(new Error('Invalid username or password'), { responseCode: 535 });
      return cb(err);
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (nextFailure) {
          const f = nextFailure;
          nextFailure = undefined;
          return cb(Object.assign(new Error(f.message), { responseCode: f.code }));
        }
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            messages.push({
              envelope: {
                mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
                rcptTo: session.envelope.rcptTo.map((r) => r.address),
              },
              raw,
              parsed,
              ...(typeof session.user === 'string' ? { user: session.user } : {}),
            });
            if (holdNext) holdNext = false;
            else cb();
            waiters.splice(0).forEach((w) => w());
          },
          (err: Error) => cb(err),
        );
      });
    },
  };
  const server = new SMTPServer(serverOptions);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = ((server as unknown as { server: { address(): AddressInfo } }).server.address()).port;

  return {
    host: '127.0.0.1',
    port,
    messages,
    failNextData(code, message) {
      nextFailure = { code, message };
    },
    holdNextData() {
      holdNext = true;
    },
    async waitFor(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > deadline) throw new Error(`smtp sink: expected ${count} messages, got ${messages.length}`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 50);
        });
      }
      return messages;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
