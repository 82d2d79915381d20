// Writes web/src/api/schema.d.ts, the web app's API types, from the API document the server builds
// (no database, no port): part of the build (`npm run build`, `prepare`), so the types are never
// copied by hand. `--check` writes nothing and fails when the committed file is not current.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { openApiDocument } from '../src/main/openapi-document.ts';

export const SCHEMA_FILE = fileURLToPath(new URL('./src/api/schema.d.ts', import.meta.url));

export async function apiTypes(): Promise<string> {
  const ast = await openapiTS(JSON.stringify(await openApiDocument()));
  return `// Generated from the API document by web/openapi-types.ts (npm run build); do not edit.\n\n${astToString(ast)}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = await apiTypes();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(SCHEMA_FILE, 'utf8');
    } catch {}
    if (current !== text) {
      process.stderr.write(`${SCHEMA_FILE} is not what the API document gives: run npm run build\n`);
      process.exit(1);
    }
  } else writeFileSync(SCHEMA_FILE, text);
}
