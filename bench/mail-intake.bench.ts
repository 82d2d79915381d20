// Messages per second through the SMTP mail intake on loopback (TK-8): nodemailer as the sending
// server over real sockets, full parsing with mailparser, a handler that only counts.
// Run: npx tsx bench/mail-intake.bench.ts [messages] [connections]
import nodemailer from 'nodemailer';
import { pathToFileURL } from 'node:url';
import { startMailIntake } from '../src/mail/adapter-smtp.ts';

export interface MailIntakeBenchResult {
  name: 'mail-intake';
  messages: number;
  connections: number;
  bodyBytes: number;
  seconds: number;
  cpuMsPerMessage: number;
  messagesPerSecond: number;
  targetPerSecond: number;
  meetsTarget: boolean;
}

async function composeTemplate(body: string): Promise<string> {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true });
  const info = await composer.sendMail({
    from: 'customer@@N@@@acme.test',
    to: 'support+t@@N@@@hotline.test',
    subject: 'Emergency @@N@@',
    text: body,
    messageId: '<bench-@@N@@@acme.test>',
  });
  return (info.message as Buffer).toString('utf8');
}

export async function run(options: { messages?: number; connections?: number; bodyBytes?: number } = {}): Promise<MailIntakeBenchResult> {
  const messages = options.messages ?? 1000;
  const connections = options.connections ?? 4;
  const bodyBytes = options.bodyBytes ?? 2048;
  let received = 0;
  const intake = await startMailIntake({ allowedSenders: ['acme.test'], acceptedRecipientDomains: ['hotline.test'] }, async () => {
    received += 1;
  });
  const transport = nodemailer.createTransport({
    host: intake.host,
    port: intake.port,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: connections,
    maxMessages: Infinity,
  });
  const body = 'Our production instance is down. '.repeat(Math.ceil(bodyBytes / 33)).slice(0, bodyBytes);
  // The message is composed once and sent raw, so the figure is the intake's (SMTP, parsing,
  // hand-off), not the cost of composing MIME on the sending side.
  const template = await composeTemplate(body);
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  await Promise.all(
    Array.from({ length: messages }, (_, i) =>
      transport.sendMail({
        envelope: { from: `customer${i % 50}@acme.test`, to: [`support+t${i}@hotline.test`] },
        raw: template.replaceAll('@@N@@', String(i)),
      }),
    ),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  // CPU time per message (client and server together) is steadier than wall time on a busy machine.
  const cpuMsPerMessage = Math.round(((cpu.user + cpu.system) / 1000 / messages) * 100) / 100;
  transport.close();
  await intake.close();
  if (received !== messages) throw new Error(`mail-intake bench: sent ${messages}, intake saw ${received}`);
  const messagesPerSecond = Math.round((messages / seconds) * 10) / 10;
  return { name: 'mail-intake', messages, connections, bodyBytes, seconds: Math.round(seconds * 1000) / 1000, cpuMsPerMessage, messagesPerSecond, targetPerSecond: 100, meetsTarget: messagesPerSecond >= 100 };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [messages, connections] = process.argv.slice(2).map(Number);
  run({ ...(messages ? { messages } : {}), ...(connections ? { connections } : {}) }).then(
    (r) => {
      console.log(`mail-intake: ${r.messages} messages of ${r.bodyBytes} B over ${r.connections} SMTP connections in ${r.seconds} s = ${r.messagesPerSecond} msg/s, ${r.cpuMsPerMessage} ms CPU/msg (target ≥ ${r.targetPerSecond}: ${r.meetsTarget ? 'met' : 'NOT met'})`);
      console.log(JSON.stringify(r));
    },
    (err) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
