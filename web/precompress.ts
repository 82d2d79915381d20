// A Vite plugin: after the build, writes a brotli (.br) and a gzip (.gz) copy beside every text file
// worth compressing, so the server sends compressed files without compressing on each request
// (src/api/web.ts serves them with @fastify/static's preCompressed).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map)$/;
/** Below this a compressed copy saves less than the extra round of headers costs. */
const MIN_BYTES = 1024;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'hotline-precompress',
    apply: 'build',
    configResolved(c) { outDir = c.build.outDir; },
    closeBundle() {
      for (const f of files(outDir)) {
        if (!COMPRESSIBLE.test(f) || statSync(f).size < MIN_BYTES) continue;
        const data = readFileSync(f);
        writeFileSync(`${f}.gz`, gzipSync(data, { level: 9 }));
        writeFileSync(`${f}.br`, brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }));
      }
    },
  };
}
