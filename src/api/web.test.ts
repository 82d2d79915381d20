// The web app's files as a browser receives them: compressed copies written at build time are sent
// to browsers that accept them, hashed assets are cached for a year, index.html is revalidated.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompress } from '../../web/precompress.ts';
import { registerWeb } from './web.ts';

const SCRIPT = `export const greeting = ${JSON.stringify('hello from the on-call screen '.repeat(200))};\n`;

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject).end();
  });
}

describe('web app files: precompressed, cached by hash', () => {
  let dir: string;
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hotline-web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Hotline</title><script type="module" src="/assets/index-AbC123.js"></script>');
    writeFileSync(join(dir, 'assets', 'index-AbC123.js'), SCRIPT);
    writeFileSync(join(dir, 'assets', 'tiny-XyZ789.js'), 'export {};\n');
    // The build step itself, as Vite runs it after writing the bundle.
    const plugin = precompress() as unknown as { configResolved(c: unknown): void; closeBundle(): void };
    plugin.configResolved({ build: { outDir: dir } });
    plugin.closeBundle();
    app = Fastify();
    await registerWeb(app, dir);
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends the brotli copy to a browser that accepts it, with a year-long immutable cache', async () => {
    const r = await get(`${base}/assets/index-AbC123.js`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBe('br');
    expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(r.headers.vary).toMatch(/accept-encoding/i);
    expect(r.body.length).toBeLessThan(SCRIPT.length / 5);
    expect(brotliDecompressSync(r.body).toString()).toBe(SCRIPT);
  });

  it('sends the gzip copy when brotli is not accepted', async () => {
    const r = await get(`${base}/assets/index-AbC123.js`, { 'accept-encoding': 'gzip' });
    expect(r.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(r.body).toString()).toBe(SCRIPT);
  });

  it('sends the file itself to a client that accepts no encoding, and small files uncompressed', async () => {
    const plain = await get(`${base}/assets/index-AbC123.js`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(SCRIPT);
    const tiny = await get(`${base}/assets/tiny-XyZ789.js`, { 'accept-encoding': 'br, gzip' });
    expect(tiny.status).toBe(200);
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('has the app page revalidated on every visit, whatever the address', async () => {
    for (const path of ['/', '/emergencies/42', '/support?new=emergency']) {
      const r = await get(`${base}${path}`, { 'accept-encoding': 'br, gzip' });
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toMatch(/text\/html/);
      expect(r.headers['cache-control']).toBe('no-cache');
      expect(r.body.toString()).toContain('/assets/index-AbC123.js');
    }
  });

  it('a missing asset is a 404, not the app page', async () => {
    const r = await get(`${base}/assets/gone-123.js`);
    expect(r.status).toBe(404);
    expect(JSON.parse(r.body.toString()).error.code).toBe('route.not_found');
  });
});
