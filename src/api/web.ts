// The web app, built by Vite into web/dist, served by the same process. Unknown non-API paths
// get index.html so the app's own router can take them. The build writes .br and .gz beside each
// file (web/vite.config.ts) and they are sent as such to browsers that accept them; the hashed
// files under /assets never change, so browsers keep them for a year, while index.html (which names
// the current hashes) is revalidated every time.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { errorBody } from './errors.ts';

export async function registerWeb(app: FastifyInstance, webDir: string): Promise<void> {
  const root = resolve(webDir);
  const index = join(root, 'index.html');
  const built = existsSync(index);
  if (built) {
    await app.register(fastifyStatic, {
      root, prefix: '/', wildcard: false, index: false, preCompressed: true, cacheControl: false,
      setHeaders: (reply, path) => {
        reply.header('cache-control', isHashedAsset(root, path) ? IMMUTABLE : 'no-cache');
      },
    });
  }
  const page = built
    ? () => readFileSync(index, 'utf8')
    : () => '<!doctype html><title>Hotline</title><h1>Hotline is running</h1><p>The web app is not built yet: run <code>npm run build</code>, then reload. The API is at <a href="/api/docs">/api/docs</a>.</p>';

  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0];
    if (req.method !== 'GET' || path.startsWith('/api/') || path.startsWith('/v2/') || /\.[a-z0-9]+$/i.test(path)) {
      return reply.status(404).send(errorBody('route.not_found', `No ${req.method} ${path}. The API reference is at /api/docs.`));
    }
    return reply.type('text/html').header('cache-control', 'no-cache').send(page());
  });
}

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Vite names everything under assets/ by its content hash: a changed file is a new name. */
function isHashedAsset(root: string, file: string): boolean {
  return relative(root, file).split(sep)[0] === 'assets';
}
