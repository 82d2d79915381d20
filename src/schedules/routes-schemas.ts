// Schedules' answers as the API document names them (overrides, swaps, eligibility).
// Fastify serialises with these and drops what they leave out: every field a client reads is here.
import { Type } from '@sinclair/typebox';
import { Nullable } from '../api/schemas.ts';

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

// The read answers (SCH-2/3/9): who is on call, the schedule list, the final schedule, gaps and a
// group's timeline. Rendered pieces serialise as ISO instants (Span.toJSON), never as epoch ms.

const Strs = Type.Array(Type.String());

/** Display name and id of each person an answer names, by e-mail. */
export const People = Type.Record(Type.String(), Type.Object({ id: Type.String(), name: Type.String() }), { title: 'SchedulePeople', description: 'by e-mail; fallback bots and unknown addresses are left out' });

export const TimeSpan = Type.Object({ start: Type.String(), end: Type.String() }, { title: 'TimeSpan' });

const EntrySource = Type.Union([
  Type.Object({ kind: Type.Literal('layer'), layerId: Type.String(), rotationId: Type.String() }),
  Type.Object({ kind: Type.Literal('swap'), swapId: Type.String(), layerId: Type.String(), rotationId: Type.String() }),
  Type.Object({ kind: Type.Literal('override'), overrideId: Type.String() }),
  Type.Object({ kind: Type.Literal('fallback') }),
], { title: 'ScheduleEntrySource', description: 'where a piece of the final schedule comes from' });

export const ScheduleEntry = Type.Object({
  start: Type.String(), end: Type.String(), user: Type.String(),
  shadow: Type.Boolean({ description: 'SCH-7: shown and paged alongside, never owns a page' }), source: EntrySource,
  key: Type.String({ description: 'stable identity of the piece' }),
}, { title: 'ScheduleEntry' });

const Warning = Type.Object({
  code: Type.Union([Type.Literal('schedule.override_no_effect'), Type.Literal('schedule.swap_no_effect')]), id: Type.String(), message: Type.String(),
}, { title: 'ScheduleWarning' });

const rendering = {
  scheduleId: Type.String(), from: Type.String(), to: Type.String(),
  entries: Type.Array(ScheduleEntry, { description: 'sorted by start, then user' }),
  gaps: Type.Array(TimeSpan, { description: 'where nobody (other than shadows) is on' }), warnings: Type.Array(Warning),
};

/** One schedule rendered over a range, as a group's timeline holds it. */
export const ScheduleRendering = Type.Object(rendering, { title: 'ScheduleRendering' });

export const FinalSchedule = Type.Object({ ...rendering, name: Type.String(), timeZone: Type.String() }, { title: 'FinalSchedule' });

const ScheduleOnCall = Type.Object({
  scheduleId: Type.String(), owners: Type.Array(Type.String(), { description: 'own pages (no shadows)' }), shadows: Strs, entries: Type.Array(ScheduleEntry),
}, { title: 'ScheduleOnCall' });

const DriAnswer = Type.Object({
  status: Type.Union([Type.Literal('on_call'), Type.Literal('not_on_call'), Type.Literal('no_dri_window')]),
  user: Nullable(Type.String()), scheduleId: Type.Optional(Type.String()), message: Type.String(),
}, { title: 'DriAnswer' });

const GroupOnCall = Type.Object({
  groupId: Type.String(), name: Type.String(), timeZone: Type.String(), at: Type.String(),
  schedules: Type.Array(ScheduleOnCall), owners: Strs, shadows: Strs, dri: DriAnswer,
  until: Nullable(Type.String({ description: 'when the owners or the DRI next change; null: not within the horizon' })),
  next: Type.Union([Type.Object({ owners: Strs, dri: Nullable(Type.String()) }), Type.Null()], { description: 'who owns pages, and who is DRI, from until on' }),
}, { title: 'GroupOnCall' });

export const OnCallAnswer = Type.Object({
  at: Type.String(), schedules: Type.Array(ScheduleOnCall), groups: Type.Array(GroupOnCall), people: People,
}, { title: 'OnCallAnswer' });

const Window = {
  days: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { description: 'ISO weekdays, 1 = Monday' })),
  from: Type.String({ description: 'HH:MM' }), to: Type.String({ description: 'HH:MM' }),
};

const IcalState = Type.Object({
  url: Type.String(), refreshMinutes: Type.Integer(), spans: Type.Integer({ description: 'spans in the last good copy' }),
  fetchedAt: NStr, lastError: NStr, lastErrorAt: NStr,
}, { title: 'RotationIcalState' });

export const ScheduleList = Type.Object({
  version: Type.Integer({ description: 'the schedules\' version' }),
  items: Type.Array(Type.Object({
    id: Type.String(), name: Type.String(), timeZone: Type.String(),
    layers: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), rotations: Strs })),
    fallback: Nullable(Type.String({ description: 'who takes uncovered time' })),
  }, { title: 'ScheduleSummary' })),
  groups: Type.Array(Type.Object({
    id: Type.String(), name: Type.String(), timeZone: Type.String(), schedules: Strs,
    dri: Type.Array(Type.Object({ ...Window, scheduleId: Type.Optional(Type.String()), user: Type.Optional(Type.String()), timeZone: Type.Optional(Type.String()) })),
    coverage: Type.Array(Type.Object(Window), { description: 'expected hours (group zone); empty: around the clock' }),
    handoffReminderMinutes: Type.Optional(Type.Integer()),
  }, { title: 'RotationGroupSummary' })),
  rotations: Type.Array(Type.Object({
    id: Type.String(), name: Type.String(), timeZone: Type.String(),
    members: Type.Array(Type.Object({ user: Type.String(), shadow: Type.Optional(Type.Boolean()) })),
    ical: Type.Union([IcalState, Type.Null()], { description: 'the iCalendar feed the rotation follows, or null' }),
  }, { title: 'RotationSummary' })),
}, { title: 'ScheduleList' });

const PersonSpan = Type.Object({ start: Type.String(), end: Type.String(), user: Type.String() });

export const GapsReport = Type.Object({
  ref: Type.String(), kind: Type.Union([Type.Literal('group'), Type.Literal('schedule')]), since: Type.String(), until: Type.String(),
  gaps: Type.Array(TimeSpan), singleEngineer: Type.Object({ intervals: Type.Array(PersonSpan), hours: Type.Number() }),
}, { title: 'ScheduleGaps' });

export const GroupTimeline = Type.Object({
  groupId: Type.String(), name: Type.String(), timeZone: Type.String(),
  schedules: Type.Array(ScheduleRendering),
  dri: Type.Array(Type.Object({ start: Type.String(), end: Type.String(), scheduleId: Type.Optional(Type.String()), user: Nullable(Type.String({ description: 'null: the DRI window is open but nobody is on' })) }, { title: 'DriSpan' })),
  gaps: Type.Array(TimeSpan), names: Type.Record(Type.String(), Type.String(), { description: 'schedule names by id' }), people: People,
}, { title: 'RotationGroupTimeline' });
