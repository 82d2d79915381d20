// Workspace import/export over HTTP, so `hotline apply` and `hotline export` work against a
// running server with only a token.
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { ADMINS, requireActor } from '../api/auth.ts';
import type { Ctx } from '../runtime/context.ts';
import { jsonSchemaOf } from './schema.ts';
import { applyWorkspace, exportWorkspace, schemaOf } from './service.ts';

export function registerWorkspaceRoutes(app: FastifyInstance, ctx: Ctx): void {
  app.addContentTypeParser(['application/yaml', 'application/x-yaml', 'text/yaml'], { parseAs: 'string', bodyLimit: 5 * 1024 * 1024 }, (_req, body, done) => done(null, body));
  app.post('/api/v1/workspace/apply', {
    config: { access: ADMINS },
    bodyLimit: 5 * 1024 * 1024,
    schema: {
      tags: ['workspace'],
      summary: 'Apply a workspace YAML file (body: application/yaml); idempotent',
      querystring: Type.Object({ dryRun: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])) }, { additionalProperties: false }),
      consumes: ['application/yaml'],
    },
  }, async (req) => {
    const text = typeof req.body === 'string' ? req.body : '';
    return { report: await applyWorkspace(ctx, requireActor(req), text, { dryRun: (req.query as any).dryRun === 'true' }) };
  });
  // public: it describes the file format, nothing of this workspace; editors fetch it by URL
  app.get('/api/workspace.schema.json', { schema: { tags: ['workspace'], summary: 'The JSON Schema of workspace files' } }, async (_req, reply) =>
    reply.type('application/schema+json').send(jsonSchemaOf(schemaOf(ctx.sections))));
  app.get('/api/v1/workspace/export', { config: { access: ADMINS }, schema: { tags: ['workspace'], summary: 'The workspace as YAML' } }, async (_req, reply) =>
    reply.type('application/yaml').send(await exportWorkspace(ctx)));
}
