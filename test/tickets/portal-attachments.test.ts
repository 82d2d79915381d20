// TK-2 / TK-8: a customer attaches files when opening a request in the portal and when replying,
// over real HTTP on every engine: same per-file limit as staff comments, their own public files
// downloadable, and never a listing or a download of an internal note's file or of another
// organisation's ticket.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../src/store/test-db.ts';
import { http, startTestServer, type TestServer } from '../support/server.ts';

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 254, 255]);

describe.each(testEngines())('portal attachments on %s', (engine) => {
  let s: TestServer;
  const api: Record<string, ReturnType<typeof http>> = {};
  const tokens: Record<string, string> = {};

  const download = async (who: string, ticketId: string, attId: string) => {
    const res = await fetch(`${s.url}/api/v1/tickets/${ticketId}/attachments/${attId}`, { headers: { authorization: `Bearer ${tokens[who]}` } });
    return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
  };
  const attachmentIds = (detail: { comments: { attachments?: { id?: string }[] }[] }) => detail.comments.flatMap((c) => (c.attachments ?? []).map((a) => a.id));

  beforeAll(async () => {
    s = await startTestServer({ engine });
    const admin = http(s.url, { token: s.admin.token });
    const acme = (await admin('POST', '/api/v1/orgs', { name: 'Acme Robotics' })).body.id;
    const globex = (await admin('POST', '/api/v1/orgs', { name: 'Globex Cloud' })).body.id;
    for (const [name, email, role, organizationId] of [
      ['engineer', 'alice.nguyen@example.com', 'engineer', null], ['rita', 'rita@acme.example', 'customer', acme],
      ['ravi', 'ravi@acme.example', 'customer', acme], ['gus', 'gus@globex.example', 'customer', globex],
    ] as const) {
      const u = await admin('POST', '/api/v1/users', { email, name, role, ...(organizationId ? { organizationId } : {}) });
      tokens[name] = (await admin('POST', '/api/v1/tokens', { name: `t-${name}`, userId: u.body.id })).body.token;
      api[name] = http(s.url, { token: tokens[name] });
    }
  });
  afterAll(async () => s?.close());
  afterEach(() => { delete s.hotline.ctx.config.maxAttachmentBytes; });

  it('TK-8: a request opened in the portal keeps its files; the customer and their colleague download them, staff too', async () => {
    const r = await api.rita('POST', '/api/v1/portal/tickets', {
      subject: 'Upgrade fails', description: 'Log and screenshot attached.', form: 'self_managed',
      attachments: [{ filename: 'upgrade.log', contentType: 'text/plain', contentBase64: b64('step 3 failed\n') }, { filename: 'screen.png', contentType: 'image/png', contentBase64: b64(PNG) }],
    });
    expect(r.status).toBe(201);
    const [log, png] = r.body.comment.attachments;
    expect(log).toMatchObject({ filename: 'upgrade.log', contentType: 'text/plain', size: 14 });
    expect(png).toMatchObject({ filename: 'screen.png', contentType: 'image/png', size: PNG.length });
    const ticketId = r.body.ticket.id;

    const view = await api.rita('GET', `/api/v1/portal/tickets/${ticketId}`);
    expect(attachmentIds(view.body)).toEqual([log.id, png.id]);
    const own = await download('rita', ticketId, png.id);
    expect(own).toMatchObject({ status: 200, type: 'image/png' });
    expect(own.bytes.equals(PNG)).toBe(true);
    expect((await download('ravi', ticketId, log.id)).bytes.toString()).toBe('step 3 failed\n');
    expect((await download('engineer', ticketId, log.id)).status).toBe(200);
  });

  it('TK-2: a portal reply carries files; an internal note\'s file is never listed nor downloadable by the customer', async () => {
    const ticketId = (await api.rita('POST', '/api/v1/portal/tickets', { subject: 'Backups', description: 'Nightly backups fail.', form: 'saas' })).body.ticket.id;
    const reply = await api.rita('POST', `/api/v1/portal/tickets/${ticketId}/replies`, { body: 'Here is the config.', attachments: [{ filename: 'backup.yml', contentType: 'text/yaml', contentBase64: b64('schedule: nightly\n') }] });
    expect(reply.status).toBe(201);
    const mine = reply.body.comments[0].attachments[0];
    expect(mine).toMatchObject({ filename: 'backup.yml', size: 18 });

    const note = await api.engineer('POST', `/api/v1/tickets/${ticketId}/comments`, { body: 'Internal: their key', public: false, attachments: [{ filename: 'key.pem', contentType: 'text/plain', contentBase64: b64('SECRET-KEY') }] });
    const secret = note.body.comments[0].attachments[0].id;
    expect((await download('engineer', ticketId, secret)).status).toBe(200);

    for (const path of [`/api/v1/portal/tickets/${ticketId}`, `/api/v1/tickets/${ticketId}`]) {
      const v = await api.rita('GET', path);
      expect(v.status).toBe(200);
      expect(attachmentIds(v.body)).toEqual([mine.id]);
      expect(JSON.stringify(v.body)).not.toMatch(/key\.pem|Internal: their key/);
    }
    const refused = await download('rita', ticketId, secret);
    expect(refused.status).toBe(404);
    expect(JSON.parse(refused.bytes.toString()).error.code).toBe('attachment.not_found');
    expect(refused.bytes.toString()).not.toContain('SECRET');
    expect((await download('rita', ticketId, mine.id)).bytes.toString()).toBe('schedule: nightly\n');
  });

  it('TK-8: another organisation\'s request and its files stay out of reach, even through one\'s own ticket id', async () => {
    const g = await api.gus('POST', '/api/v1/portal/tickets', { subject: 'SSO broken', description: 'metadata attached', form: 'saas', attachments: [{ filename: 'sso.xml', contentType: 'application/xml', contentBase64: b64('<sso/>') }] });
    const gTicket = g.body.ticket.id;
    const gAtt = g.body.comment.attachments[0].id;
    const ritas = (await api.rita('POST', '/api/v1/portal/tickets', { subject: 'Mine', description: 'x', form: 'saas' })).body.ticket.id;
    expect((await download('gus', gTicket, gAtt)).status).toBe(200);
    expect((await api.rita('GET', `/api/v1/portal/tickets/${gTicket}`)).status).toBe(404);
    expect((await download('rita', gTicket, gAtt)).status).toBe(404);
    expect((await download('rita', ritas, gAtt)).status).toBe(404);
    const list = await api.rita('GET', '/api/v1/portal/tickets');
    expect(list.body.items.map((t: { id: string }) => t.id)).not.toContain(gTicket);
    expect(JSON.stringify(list.body)).not.toContain('sso.xml');
  });

  it('TK-2: the staff per-file limit applies to portal requests and replies; nothing is written past it', async () => {
    s.hotline.ctx.config.maxAttachmentBytes = 1024;
    const before = (await api.rita('GET', '/api/v1/portal/tickets')).body.total;
    const big = [{ filename: 'big.bin', contentBase64: b64(Buffer.alloc(1025, 7)) }];
    const open = await api.rita('POST', '/api/v1/portal/tickets', { subject: 'Too big', description: 'x', form: 'saas', attachments: big });
    expect(open.status).toBe(400);
    expect(open.body.error).toMatchObject({ code: 'attachment.too_large', details: { size: 1025, max: 1024 } });
    expect((await api.rita('GET', '/api/v1/portal/tickets')).body.total).toBe(before);

    const ticketId = (await api.rita('POST', '/api/v1/portal/tickets', { subject: 'Fits', description: 'x', form: 'saas', attachments: [{ filename: 'ok.bin', contentBase64: b64(Buffer.alloc(1024, 1)) }] })).body.ticket.id;
    const comments = (await api.rita('GET', `/api/v1/portal/tickets/${ticketId}`)).body.comments.length;
    const reply = await api.rita('POST', `/api/v1/portal/tickets/${ticketId}/replies`, { body: 'more', attachments: big });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('attachment.too_large');
    expect((await api.rita('GET', `/api/v1/portal/tickets/${ticketId}`)).body.comments.length).toBe(comments);

    const tooMany = Array.from({ length: 21 }, (_, i) => ({ filename: `f${i}.txt`, contentBase64: b64('x') }));
    expect((await api.rita('POST', `/api/v1/portal/tickets/${ticketId}/replies`, { body: 'many', attachments: tooMany })).status).toBe(400);
    const badB64 = await api.rita('POST', '/api/v1/portal/tickets', { subject: 'x', description: 'y', form: 'saas', attachments: [{ filename: 'a', contentBase64: 'not base64!' }] });
    expect(badB64.status).toBe(400);
  });

  it('TK-1: the portal reads the workspace\'s forms with their names', async () => {
    const r = await api.rita('GET', '/api/v1/ticket-forms');
    expect(r.status).toBe(200);
    expect(r.body.items).toContainEqual({ id: 'us_government', name: 'US Government' });
    expect(r.body.items.map((f: { id: string }) => f.id)).toEqual(['self_managed', 'saas', 'licensing', 'us_government', 'dedicated']);
  });
});
