// The API document's conventions, applied where routes are registered and where the document is
// emitted, so a route file states only what is particular to it (src/api/schemas.ts says how).
import type { FastifyInstance, RouteOptions } from 'fastify';
import type { Access } from './auth.ts';
import { errors } from './schemas.ts';

type Schema = { [k: string]: unknown };
type OpenApiDoc = { paths?: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } & Record<string, unknown> } & Record<string, unknown>;
type Operation = { parameters?: { in: string; name: string; schema?: { title?: string } }[]; requestBody?: { content?: Record<string, { schema?: Schema }> }; responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> };

/**
 * The error answers every route gives without saying so: 400 where anything of the request is
 * validated, 401 where a sign-in is needed, 403 where only some roles may call. A route adds its
 * own (404, 409 …) with `fails()`; what it declares itself wins. Only under /api/: the intake
 * APIs (/v2/…) answer errors in their vendor's shape.
 */
export function declareCommonErrors(route: RouteOptions): void {
  const schema = route.schema as (Schema & { hide?: boolean; response?: Record<string, unknown> }) | undefined;
  if (!schema || schema.hide || !route.url.startsWith('/api/')) return;
  const access = (route.config as { access?: Access } | undefined)?.access;
  const common: Record<string, unknown> = {};
  if (schema.body || schema.querystring || schema.params) common[400] = errors[400];
  if (access !== undefined && access !== 'public') common[401] = errors[401];
  if (Array.isArray(access)) common[403] = errors[403];
  if (Object.keys(common).length) schema.response = { ...common, ...schema.response };
}

/**
 * Shapes with a `title` are named components: each is emitted once under components.schemas and
 * referenced wherever a body or an answer uses it, so generated clients share one type per shape.
 * Two different shapes under one title would make one of them lie: that fails here, loudly.
 */
export function namedComponents(doc: OpenApiDoc): OpenApiDoc {
  const named: Record<string, Schema> = { ...doc.components?.schemas };
  const seen = new Map<string, string>();
  const hoist = (s: unknown): unknown => {
    if (Array.isArray(s)) return s.map(hoist);
    if (!s || typeof s !== 'object') return s;
    const out: Schema = {};
    for (const [k, v] of Object.entries(s)) out[k] = k === 'properties' || k === 'patternProperties' ? Object.fromEntries(Object.entries(v as Schema).map(([p, ps]) => [p, hoist(ps)])) : typeof v === 'object' ? hoist(v) : v;
    const title = out.title;
    if (typeof title !== 'string') return out;
    // `X | null` arrives as X with nullable: the shape is named once, and the null said beside its reference
    const nullable = out.nullable === true;
    delete out.nullable;
    const text = JSON.stringify(out);
    const before = seen.get(title);
    if (before !== undefined && before !== text) throw new Error(`OpenAPI: two different shapes are named "${title}"; give one of them another title`);
    seen.set(title, text);
    named[title] = out;
    const ref = { $ref: `#/components/schemas/${title}` };
    // OpenAPI 3.0 ignores siblings of $ref, and `nullable` wants a `type` beside it
    return nullable ? { ...(typeof out.type === 'string' ? { type: out.type } : {}), nullable: true, allOf: [ref] } : ref;
  };
  for (const ops of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(ops)) {
      for (const c of Object.values(op.requestBody?.content ?? {})) if (c.schema) c.schema = hoist(c.schema) as Schema;
      for (const r of Object.values(op.responses ?? {})) for (const c of Object.values(r.content ?? {})) if (c.schema) c.schema = hoist(c.schema) as Schema;
    }
  }
  const schemas = Object.fromEntries(Object.entries(named).sort(([a], [b]) => a.localeCompare(b)));
  return { ...doc, components: { ...doc.components, schemas } };
}

/**
 * Fastify's wildcard routes (`/x/*`, used where a parameter outgrows the router's 100-character
 * limit) appear in the document as `{*}`, which no client generator can name: the parameter takes
 * the name its schema gives it as `title` (else `path`).
 */
export function namedWildcards(doc: OpenApiDoc): OpenApiDoc {
  if (!doc.paths) return doc;
  const paths: NonNullable<OpenApiDoc['paths']> = {};
  for (const [path, ops] of Object.entries(doc.paths)) {
    if (!path.includes('{*}')) {
      paths[path] = ops;
      continue;
    }
    const param = Object.values(ops).flatMap((op) => op.parameters ?? []).find((p) => p.in === 'path' && p.name === '*');
    const name = param?.schema?.title ?? 'path';
    for (const op of Object.values(ops)) for (const p of op.parameters ?? []) if (p.in === 'path' && p.name === '*') p.name = name;
    paths[path.replace('{*}', `{${name}}`)] = ops;
  }
  return { ...doc, paths };
}

/**
 * A route that moved to a path of its own: registered at its documented path and, hidden from the
 * document, at the paths it had before. Links already sent (e-mail, SMS, chat) and older clients
 * keep working with the same handler, while the document shows one unambiguous path.
 */
export function routeWithFormerPaths(app: FastifyInstance, route: RouteOptions, formerUrls: string[]): void {
  app.route(route);
  for (const url of formerUrls) app.route({ ...route, url, schema: { ...route.schema, hide: true } });
}

export type { OpenApiDoc };
