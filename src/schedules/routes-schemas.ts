// Schedules' answers as the API document names them (overrides, swaps, eligibility).
// Fastify serialises with these and drops what they leave out: every field a client reads is here.
import { Type } from '@sinclair/typebox';

const NStr = Type.Union([Type.String(), Type.Null()]);
const Source = Type.Union([Type.Literal('workspace'), Type.Literal('api')]);

export const ScheduleOverride = Type.Object({
  id: Type.String(), scheduleId: Type.String(), start: Type.String(), end: Type.String(),
  user: Type.Optional(Type.String({ description: 'who covers (a user id)' })), replaces: Type.Optional(Type.String({ description: 'who gives the time up (a user id)' })),
  shadow: Type.Optional(Type.Boolean()), note: NStr, source: Source, createdBy: NStr, createdAt: Type.String(),
}, { title: 'ScheduleOverride' });

export const ScheduleSwap = Type.Object({
  id: Type.String(), scheduleId: Type.String(), start: Type.String(), end: Type.String(), requester: Type.String(), partner: Type.String(),
  status: Type.Union([Type.Literal('requested'), Type.Literal('accepted'), Type.Literal('declined')]), note: NStr, source: Source,
  createdAt: Type.String(), decidedAt: NStr,
}, { title: 'ScheduleSwap' });

export const Eligibility = Type.Object({
  user: Type.String(), trainingCompletedAt: NStr, trainingNote: NStr, approvedBy: NStr, approvedAt: NStr,
}, { title: 'OnCallEligibility' });

export const CalendarFeed = Type.Object({
  kind: Type.Union([Type.Literal('user'), Type.Literal('schedule')]), ref: Type.String(), secret: Type.String(),
  path: Type.String({ description: 'the feed\'s address on this server: /cal/<secret>.ics' }), createdAt: Type.String(),
}, { title: 'CalendarFeed' });
