// HTTP surface of the path actions (WF-7, WF-11, WF-12): SaaS categories and two-way-door
// actions, the licence paths, and "might become an emergency" on an ordinary ticket.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { MANAGERS, requireActor, STAFF } from '../api/auth.ts';
import { Body, fails, IdParams, Nullable, Str } from '../api/schemas.ts';
import type { Ctx } from '../runtime/context.ts';
import { onCallLoadReport } from '../schedules/index.ts';
import type { SaasCategory } from './config.ts';
import * as paths from './service-paths.ts';
import { emergencyLoadSources } from './service-load-sources.ts';
import { EmergencyActionResult, MightBecome, OnCallLoad, Triggered } from './routes-schemas.ts';

const tags = ['emergencies'];
const CategoryBody = Body({ category: Str(64, 1) });
const TwoWayDoorBody = Body({ action: Str(200, 1), detail: Str(2000, 1) });
const LicenceBody = Body({ namespaceDowngradedToFree: Type.Optional(Type.Boolean()) });
const TriggerBody = Body({ reason: Str(2000, 1) });
const EngineerBody = Body({ engineer: Str(254, 3) });
const TrialBody = Body({ namespace: Str(255, 1), plan: Type.Optional(Nullable(Str(64, 1))), confirmationCommentId: Type.Optional(Nullable(Str(64, 1))) });

const LoadQuery = Type.Object({ engineer: Type.Optional(Str(254, 3)) }, { additionalProperties: false });

export function registerPathRoutes(app: FastifyInstance, ctx: Ctx): void {
  app.get('/api/v1/oncall/load', { config: { access: STAFF }, schema: { tags, operationId: 'onCallLoad', summary: 'SCH-12: on-call load of an engineer (default: you) — week, target, tickets to hand over', querystring: LoadQuery, response: { 200: OnCallLoad, ...fails(404) } } },
    async (req) => onCallLoadReport(ctx, requireActor(req), req.query as { engineer?: string }, emergencyLoadSources));
  const post = (path: string, operationId: string, summary: string, body: unknown, run: (req: any) => Promise<unknown>, answer: unknown = EmergencyActionResult) =>
    app.post(path, { config: { access: STAFF }, schema: { tags, operationId, summary, params: IdParams, ...(body ? { body } : {}), response: { 200: answer, ...fails(404, 409) } } } as never, run);
  post('/api/v1/emergencies/:id/saas-category', 'setEmergencySaasCategory', 'WF-11: set the SaaS category; its next steps go on the ticket', CategoryBody,
    (req) => paths.setSaasCategory(ctx, requireActor(req), req.params.id, { category: req.body.category as SaasCategory }));
  post('/api/v1/emergencies/:id/two-way-door', 'recordEmergencyTwoWayDoor', 'WF-11: record a reversible action taken to unblock a SaaS customer', TwoWayDoorBody,
    (req) => paths.recordTwoWayDoor(ctx, requireActor(req), req.params.id, req.body));
  post('/api/v1/emergencies/:id/licence-path', 'applyEmergencyLicencePath', 'WF-12: apply the licence path that holds now (weekday team, weekend grace, request or trial)', LicenceBody,
    (req) => paths.applyLicencePath(ctx, requireActor(req), req.params.id, req.body ?? {}));
  post('/api/v1/emergencies/:id/trial-extension', 'extendEmergencyTrial', 'WF-12: extend a SaaS trial after the requester confirmed the exclusions in writing', TrialBody,
    (req) => paths.extendTrial(ctx, requireActor(req), req.params.id, req.body));
  post('/api/v1/emergencies/:id/licence-unblocked', 'emergencyLicenceUnblocked', 'WF-12: the customer is unblocked; close and alert the licensing team', null,
    (req) => paths.licenceUnblocked(ctx, requireActor(req), req.params.id));
  app.post('/api/v1/tickets/:id/trigger-emergency', { config: { access: MANAGERS }, schema: { tags, operationId: 'triggerEmergency', summary: 'PG-5: a manager turns this ticket into an emergency (intake then pages per entitlement)', params: IdParams, body: TriggerBody, response: { 200: Triggered, ...fails(404, 409) } } } as never,
    (req: any) => paths.triggerEmergency(ctx, requireActor(req), req.params.id, req.body));
  post('/api/v1/emergencies/:id/page-engineer', 'pageEmergencyEngineer', 'PG-5: page one named on-call engineer directly', EngineerBody,
    (req) => paths.pageEngineer(ctx, requireActor(req), req.params.id, req.body));
  post('/api/v1/tickets/:id/might-become-emergency', 'markMightBecomeEmergency', 'WF-7: work a ticket that could become an emergency now, as high priority', null,
    (req) => paths.mightBecomeEmergency(ctx, requireActor(req), req.params.id), MightBecome);
}
