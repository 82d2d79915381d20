// HTTP surface of the support manager during emergencies (SM-5/SM-6). Managers (and admins) only:
// anyone else is refused at the door with 403 auth.forbidden. Paging the backup pool is the
// emergency's own action (POST /api/v1/emergencies/{id}/backup-pool), which the view links to.
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { MANAGERS, requireActor } from '../api/auth.ts';
import { Body, fails, IdParams, Nullable, Str } from '../api/schemas.ts';
import type { Ctx } from '../runtime/context.ts';
import { pageStaff, replaceEngineer, takeLead } from './service-manager-act.ts';
import { handOverNow } from './service-manager-handover.ts';
import { managerEmergencies, managerEmergency, staffSuggestions } from './service-manager-view.ts';

const NStr = Type.Union([Type.String(), Type.Null()]);
const NInt = Type.Union([Type.Integer(), Type.Null()]);
const Person = Type.Union([Type.Object({ id: NStr, name: Type.String(), email: Type.String() }), Type.Null()]);
const Page = Type.Object({ id: Type.String(), number: Type.Integer(), status: Type.String(), level: NInt, targets: Type.Array(Type.String()) });
const Waiting = Type.Object({ id: Type.String(), number: Type.Integer(), level: NInt, targets: Type.Array(Type.String()), waitingMinutes: Type.Integer() });
const Row = Type.Object({
  id: Type.String(), ticketId: Type.String(), ticketNumber: Type.Integer(), subject: Type.String(), priority: Type.String(), status: Type.String(),
  organization: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]), form: Type.String(), rotation: Type.String(),
  owner: Person, lead: Type.Union([Type.Object({ id: NStr, name: Type.String(), email: Type.String(), since: Type.String() }), Type.Null()]),
  since: Type.String(), ageMinutes: Type.Integer(), acknowledgedAt: NStr, lastPublicReplyAt: NStr, minutesSinceLastPublicReply: NInt,
  qualification: NStr, exceptionCriterion: NStr, entitlement: Type.String(), pages: Type.Array(Page), waiting: Type.Array(Waiting),
}, { title: 'ManagerEmergencyRow' });
const Detail = Type.Composite([Row, Type.Object({
  state: Type.String(),
  timeline: Type.Array(Type.Object({ at: Type.String(), action: Type.String(), actor: Type.Object({ kind: Type.String(), id: NStr, name: NStr }), detail: Type.Record(Type.String(), Type.Unknown()) })),
})], { title: 'ManagerEmergency' });
const List = Type.Object({ at: Type.String(), managerOnCall: Person, items: Type.Array(Row) });
const Done = Type.Object({ result: Type.Record(Type.String(), Type.Unknown()), emergency: Detail });
const StaffQuery = Type.Object({
  subject: Type.Optional(Str(400, 1)), region: Type.Optional(Str(40, 1)), everyone: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
  limit: Type.Optional(Type.String({ pattern: '^([1-9]|[1-4][0-9]|50)$', description: '1 to 50' })),
}, { additionalProperties: false });
const Staff = Type.Object({
  subjects: Type.Array(Type.String()), region: NStr, workingNow: Type.Boolean(),
  items: Type.Array(Type.Object({ userId: Type.String(), email: Type.String(), name: Type.String(), region: NStr, subject: Type.String(), level: Type.String(), onShift: Type.Boolean(), inWorkingHours: Type.Boolean(), why: Type.String() })),
});
const PageBody = Body({ person: Str(254, 1), reason: Type.Optional(Nullable(Str(2000))) });
const ReplaceBody = Body({ engineer: Str(254, 1), reason: Type.Optional(Nullable(Str(2000))) });
const HandOverBody = Body({ to: Type.Optional(Nullable(Str(254, 1))), note: Type.Optional(Nullable(Str(4000))) });
const HandedOver = Type.Object({ from: Type.String(), to: Type.String(), handedOver: Type.Array(Type.Object({ ticketNumber: Type.Integer(), emergencyId: Type.String(), pagesMoved: Type.Array(Type.Integer()) })) });

/** SM-6: the manager's view, staff suggestions, page, replace, lead, hand over. */
export function registerManagerRoutes(app: FastifyInstance, ctx: Ctx): void {
  const tags = ['manager'];
  const config = { access: MANAGERS };
  const id = (req: { params: unknown }) => (req.params as { id: string }).id;
  app.get('/api/v1/manager/emergencies', { config, schema: { tags, operationId: 'managerEmergencies', summary: 'SM-6: every open emergency with owner, lead, time since the last public reply, and the pages still waiting (and at which tier)', response: { 200: List } } }, async (req) =>
    managerEmergencies(ctx, requireActor(req)));
  app.get('/api/v1/manager/emergencies/:id', { config, schema: { tags, operationId: 'managerEmergency', summary: 'SM-6: one emergency (ticket number or id) as the manager sees it, with the manager\'s actions on its timeline', params: IdParams, response: { 200: Detail, ...fails(404) } } }, async (req) =>
    managerEmergency(ctx, requireActor(req), id(req)));
  app.get('/api/v1/manager/emergencies/:id/staff', { config, schema: { tags, operationId: 'managerStaffSuggestions', summary: 'SM-6: staff to page from the skills directory, for the ticket\'s product (or ?subject=a,b), in ?region=, working now unless ?everyone=true', params: IdParams, querystring: StaffQuery, response: { 200: Staff, ...fails(404) } } }, async (req) => {
    const q = req.query as Static<typeof StaffQuery>;
    return staffSuggestions(ctx, requireActor(req), id(req), { subjects: q.subject?.split(',').map((s) => s.trim()).filter(Boolean), region: q.region, everyone: q.everyone === 'true', limit: q.limit === undefined ? undefined : Number(q.limit) });
  });
  app.post('/api/v1/manager/emergencies/:id/page', { config, schema: { tags, operationId: 'managerPageStaff', summary: 'SM-6: page one more person (by e-mail or id) for the emergency; 409 manager.already_paged when a page already waits on them', params: IdParams, body: PageBody, response: { 200: Done, ...fails(404, 409) } } }, async (req) => {
    const b = req.body as Static<typeof PageBody>;
    return pageStaff(ctx, requireActor(req), id(req), { person: b.person, reason: b.reason });
  });
  app.post('/api/v1/manager/emergencies/:id/replace', { config, schema: { tags, operationId: 'managerReplaceEngineer', summary: 'SM-6: replace the on-call engineer: the new owner is paged, the old one told', params: IdParams, body: ReplaceBody, response: { 200: Done, ...fails(404, 409) } } }, async (req) => {
    const b = req.body as Static<typeof ReplaceBody>;
    return replaceEngineer(ctx, requireActor(req), id(req), { engineer: b.engineer, reason: b.reason });
  });
  app.post('/api/v1/manager/emergencies/:id/lead', { config, schema: { tags, operationId: 'managerTakeLead', summary: 'SM-6: take the call — the signed-in manager leads it', params: IdParams, response: { 200: Done, ...fails(404, 409) } } }, async (req) =>
    takeLead(ctx, requireActor(req), id(req)));
  app.post('/api/v1/manager/hand-over', { config, schema: { tags, operationId: 'managerHandOver', summary: 'SM-6: hand over now — the emergencies you lead or whose pages wait on you go to the manager named (to), else the next on the rotation', body: HandOverBody, response: { 200: HandedOver, ...fails(404, 409) } } }, async (req) => {
    const b = (req.body ?? {}) as Static<typeof HandOverBody>;
    return handOverNow(ctx, requireActor(req), { to: b.to, note: b.note });
  });
}
