// TK-2 attachments over real HTTP, on every engine: bytes stored in the database (from the API
// and from e-mail intake), listed per comment, downloaded with their type as an attachment, a
// clear error past the size limit, and customers never reach an internal note's file or another
// organisation's.
import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../src/store/test-db.ts';
import { readTx } from '../../src/store/tx.ts';
import type { InboundMail } from '../../src/mail/index.ts';
import { handleInboundMail, mailSettingsFromEnv } from '../../src/tickets/service-intake-mail.ts';
import { DEFAULT_MAX_ATTACHMENT_BYTES } from '../../src/tickets/attachment.ts';
import { http, startTestServer, type TestServer } from '../support/server.ts';

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
const BINARY = Buffer.from([0, 1, 2, 254, 255, 10, 13, 0x89, 0x50, 0x4e, 0x47]);

describe.each(testEngines())('ticket attachments on %s', (engine) => {
  let s: TestServer;
  const api: Record<string, ReturnType<typeof http>> = {};
  const tokens: Record<string, string> = {};
  let ticketId = '';
  let globexTicket = '';

  const download = async (who: string, tId: string, attId: string) => {
    const res = await fetch(`${s.url}/api/v1/tickets/${tId}/attachments/${attId}`, { headers: { authorization: `Bearer ${tokens[who]}` } });
    return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
  };

  beforeAll(async () => {
    s = await startTestServer({ engine });
    const admin = http(s.url, { token: s.admin.token });
    const acme = (await admin('POST', '/api/v1/orgs', { name: 'Acme Robotics' })).body.id;
    const globex = (await admin('POST', '/api/v1/orgs', { name: 'Globex Cloud' })).body.id;
    for (const [name, email, role, organizationId] of [
      ['engineer', 'alice.nguyen@example.com', 'engineer', null], ['rita', 'rita@acme.example', 'customer', acme], ['gus', 'gus@globex.example', 'customer', globex],
    ] as const) {
      const u = await admin('POST', '/api/v1/users', { email, name, role, ...(organizationId ? { organizationId } : {}) });
      tokens[name] = (await admin('POST', '/api/v1/tokens', { name: `t-${name}`, userId: u.body.id })).body.token;
      api[name] = http(s.url, { token: tokens[name] });
    }
    ticketId = (await api.engineer('POST', '/api/v1/tickets', { subject: 'Backups fail', form: 'self_managed', requesterEmail: 'rita@acme.example', description: 'Nightly backups fail.' })).body.ticket.id;
    globexTicket = (await api.gus('POST', '/api/v1/portal/tickets', { subject: 'SSO broken', description: 'details', form: 'saas' })).body.ticket.id;
  });
  afterAll(async () => s?.close());
  afterEach(() => { delete s.hotline.ctx.config.maxAttachmentBytes; });

  it('TK-2: a public reply with files stores the bytes; the ticket view lists them; download gives type and attachment disposition', async () => {
    const r = await api.rita('POST', `/api/v1/tickets/${ticketId}/comments`, {
      body: 'Log and screenshot attached.',
      attachments: [{ filename: 'backup.log', contentType: 'text/plain', contentBase64: b64('line 1\nline 2\n') }, { filename: 'écran.png', contentType: 'image/png', contentBase64: b64(BINARY) }],
    });
    expect(r.status).toBe(201);
    const [log, png] = r.body.comments[0].attachments;
    expect(log).toMatchObject({ filename: 'backup.log', contentType: 'text/plain', size: 14, sha256: createHash('sha256').update('line 1\nline 2\n').digest('hex') });
    expect(png).toMatchObject({ filename: 'écran.png', contentType: 'image/png', size: BINARY.length });

    const view = await api.rita('GET', `/api/v1/tickets/${ticketId}`);
    const listed = view.body.comments.find((c: any) => c.id === r.body.comments[0].id);
    expect(listed.attachments.map((a: any) => a.id)).toEqual([log.id, png.id]);

    const d = await download('rita', ticketId, png.id);
    expect(d.status).toBe(200);
    expect(d.headers.get('content-type')).toBe('image/png');
    expect(d.headers.get('content-disposition')).toBe(`attachment; filename="_cran.png"; filename*=UTF-8''%C3%A9cran.png`);
    expect(d.bytes.equals(BINARY)).toBe(true);
    const t = await download('engineer', ticketId, log.id);
    expect(t.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(t.bytes.toString()).toBe('line 1\nline 2\n');

    const rows = await readTx(s.hotline.ctx.db).db.selectFrom('ticket_attachments').select(['comment_id', 'size']).where('id', '=', png.id).execute();
    expect(rows).toEqual([{ comment_id: r.body.comments[0].id, size: BINARY.length }]);
  });

  it('TK-2: a customer cannot download an internal note\'s file nor another organisation\'s; staff can', async () => {
    const note = await api.engineer('POST', `/api/v1/tickets/${ticketId}/comments`, { body: 'Internal dump', public: false, attachments: [{ filename: 'dump.txt', contentType: 'text/plain', contentBase64: b64('SECRET') }] });
    expect(note.status).toBe(201);
    const att = note.body.comments[0].attachments[0];
    expect((await download('engineer', ticketId, att.id)).status).toBe(200);
    const refused = await download('rita', ticketId, att.id);
    expect(refused.status).toBe(404);
    expect(JSON.parse(refused.bytes.toString()).error.code).toBe('attachment.not_found');
    expect(refused.bytes.toString()).not.toContain('SECRET');

    const g = await api.gus('POST', `/api/v1/tickets/${globexTicket}/comments`, { body: 'our config', attachments: [{ filename: 'sso.xml', contentType: 'application/xml', contentBase64: b64('<sso/>') }] });
    const gAtt = g.body.comments[0].attachments[0];
    expect((await download('gus', globexTicket, gAtt.id)).status).toBe(200);
    expect((await download('rita', globexTicket, gAtt.id)).status).toBe(404);
    // Naming Rita's own ticket with Globex's attachment id does not reach it either.
    expect((await download('rita', ticketId, gAtt.id)).status).toBe(404);
  });

  it('TK-2: a file past the per-file limit is refused with attachment.too_large and nothing is written', async () => {
    s.hotline.ctx.config.maxAttachmentBytes = 1024;
    const before = (await api.engineer('GET', `/api/v1/tickets/${ticketId}`)).body.comments.length;
    const r = await api.rita('POST', `/api/v1/tickets/${ticketId}/comments`, { body: 'big', attachments: [{ filename: 'big.bin', contentBase64: b64(Buffer.alloc(1025, 7)) }] });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'attachment.too_large', details: { size: 1025, max: 1024 } });
    expect((await api.engineer('GET', `/api/v1/tickets/${ticketId}`)).body.comments.length).toBe(before);
  });

  it('TK-2: the default limit is 10 MiB per file and the route accepts a body that large', async () => {
    expect(DEFAULT_MAX_ATTACHMENT_BYTES).toBe(10 * 1024 * 1024);
    const r = await api.engineer('POST', `/api/v1/tickets/${ticketId}/comments`, { body: 'core', public: false, attachments: [{ filename: 'core.bin', contentBase64: b64(Buffer.alloc(DEFAULT_MAX_ATTACHMENT_BYTES + 1, 1)) }] });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('attachment.too_large');
  });

  it('TK-2/TK-8: e-mail attachments are stored and downloadable; an oversize one is listed but not kept', async () => {
    s.hotline.ctx.config.maxAttachmentBytes = 100;
    const mail: InboundMail = {
      messageId: '<att-1@acme.example>', inReplyTo: null, references: [], from: { address: 'rita@acme.example', name: 'Rita' }, to: [], cc: [], replyTo: null,
      subject: 'Crash report', text: 'See attached.', html: null, date: null, autoSubmitted: false,
      envelope: { mailFrom: 'rita@acme.example', rcptTo: ['support@support.example'], remoteAddress: '127.0.0.1', clientHostname: 'localhost' },
      attachments: [
        { filename: 'trace.txt', contentType: 'text/plain', size: 9, content: Buffer.from('stack...\n'), contentId: null },
        { filename: 'huge.iso', contentType: 'application/octet-stream', size: 101, content: Buffer.alloc(101), contentId: null },
      ],
    } as unknown as InboundMail;
    const out = await handleInboundMail(s.hotline.ctx, mail, mailSettingsFromEnv({}));
    expect(out.kind).toBe('created');
    const id = (out as { ticket: { id: string } }).ticket.id;
    const view = await api.rita('GET', `/api/v1/tickets/${id}`);
    const atts = view.body.comments[0].attachments;
    expect(atts).toEqual([
      expect.objectContaining({ filename: 'trace.txt', contentType: 'text/plain', size: 9, id: expect.any(String) }),
      { filename: 'huge.iso', contentType: 'application/octet-stream', size: 101 },
    ]);
    const d = await download('rita', id, atts[0].id);
    expect(d.status).toBe(200);
    expect(d.bytes.toString()).toBe('stack...\n');
  });
});
