// Workspace import/export over HTTP, so `hotline apply` and `hotline export` work against a
// running server with only a token.
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { ADMINS, requireActor } from '../api/auth.ts';
import type { Ctx } from '../runtime/context.ts';
import { jsonSchemaOf } from './schema.ts';
import { applyWorkspace, exportWorkspace, schemaOf } from './service.ts';

const Count = Type.Integer({ minimum: 0 });
/** Per section of the file (users, schedules, …): how many entries were created, updated or left as they were. */
const ApplyReport = Type.Object({ report: Type.Record(Type.String(), Type.Object({ created: Count, updated: Count, unchanged: Count })) });

export function registerWorkspaceRoutes(app: FastifyInstance, ctx: Ctx): void {
  app.addContentTypeParser(['application/yaml', 'application/x-yaml', 'text/yaml'], { parseAs: 'string', bodyLimit: 5 * 1024 * 1024 }, (_req, body, done) => done(null, body));
  app.post('/api/v1/workspace/apply', {
    config: { access: ADMINS },
    bodyLimit: 5 * 1024 * 1024,
    schema: {
      tags: ['workspace'], operationId: 'applyWorkspace',
      summary: 'Apply a workspace YAML file (body: application/yaml); idempotent; dryRun=true reports without writing',
      querystring: Type.Object({ dryRun: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])) }, { additionalProperties: false }),
      consumes: ['application/yaml'],
      response: { 200: ApplyReport },
    },
  }, async (req) => {
    const text = typeof req.body === 'string' ? req.body : '';
    return { report: await applyWorkspace(ctx, requireActor(req), text, { dryRun: (req.query as any).dryRun === 'true' }) };
  });
  // public: it describes the file format, nothing of this workspace; editors fetch it by URL
  app.get('/api/workspace.schema.json', { schema: { tags: ['workspace'], operationId: 'workspaceJsonSchema', summary: 'The JSON Schema of workspace files', response: { 200: { description: 'A JSON Schema (draft-07) document', content: { 'application/schema+json': { schema: Type.Object({}, { additionalProperties: true }) } } } } } }, async (_req, reply) =>
    reply.type('application/schema+json').send(jsonSchemaOf(schemaOf(ctx.sections))));
  app.get('/api/v1/workspace/export', { config: { access: ADMINS }, schema: { tags: ['workspace'], operationId: 'exportWorkspace', summary: 'The workspace as YAML', response: { 200: { description: 'The workspace file', content: { 'application/yaml': { schema: Type.String() } } } } } }, async (_req, reply) =>
    reply.type('application/yaml').send(await exportWorkspace(ctx)));
}
