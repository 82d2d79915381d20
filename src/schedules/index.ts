// The schedules capability's face: rotations, overrides and the final schedule (SCH-*), who is on
// call now, and the shift changes it announces. Other capabilities and surfaces import it from here.

// The pure schedule rules and their shapes.
export type { Restriction, Weekday, Interval } from './restriction.ts';
export type { Member, MembershipVersion, Rhythm, Rotation, Shift } from './rotation.ts';
export { rotationShifts, rotationOnCallAt, withMembers } from './rotation.ts';
export type { Layer, Fallback, Schedule, EntrySource } from './schedule.ts';
export { scheduleMembers } from './schedule.ts';
export type { Override, Swap, Edits, FinalEntry, FinalSchedule, ScheduleWarning, OnCallNow } from './final-schedule.ts';
export { finalSchedule, onCallAt, shiftsAt, removeOverride, removeSwap } from './final-schedule.ts';
export type { DriWindow, RotationGroup, DriAnswer, GroupOnCall, SingleEngineerInterval, ShiftChange, DriEntry, GroupRendering } from './group.ts';
export { groupOnCallAt, singleEngineerIntervals, coverageGaps, scheduleChanges, groupChanges, renderGroup } from './group.ts';
export type { CalendarOptions, CalendarSource } from './calendar.ts';
export { scheduleCalendar, personCalendar, shiftUid } from './calendar.ts';
export type { SchedulesWorkspace, ParseOptions } from './config.ts';
export {
  parseSchedulesConfig,
  DEMO_HANDOFF_REMINDER_MINUTES,
  HANDOFF_REMINDER_RANGE_MINUTES,
  DEMO_AMER_ZONE,
  DEMO_AMER_WINDOWS,
  DEMO_AMER_DRI,
  DEMO_USGOV_ZONE,
  DEMO_USGOV_SHIFTS,
  DEMO_USGOV_ENTITLED_HOURS,
  DEMO_FALLBACK_USER,
} from './config.ts';
export { DEMO_SCHEDULES_DOCUMENT, DEMO_ROTATION_START } from './demo.ts';
export type { TimeSpan } from './span.ts';
export type { LoadTicket, LoadInput, LoadPhase, LoadReport } from './load.ts';
export { mustHandOver, onCallLoad, onCallWeek } from './load.ts';

// Use cases others read: who is on call now, and a regional group's timeline (the on-call load).
export { groupTimeline, whoIsOnCall } from './service.ts';

// The stored definitions as written and as validated, with the edits in force (what-if staffing starts from them).
export { currentSchedules, type DefinitionsDocument } from './service-document.ts';

// SCH-6: an override, as support managers' cover requests write one when accepted (SM-9).
export { createOverride, type OverrideInput } from './service.ts';

// SCH-12: an engineer's on-call load; the emergency workflow hands in its settings and emergencies.
export type { LoadSources } from './service-load.ts';
export { onCallLoadReport } from './service-load.ts';

// What a shift change and a hand-off reminder carry (SCH-10), for the capabilities that answer them.
export type { OpenItem, ShiftChangeEvent } from './service-handoff.ts';

// The command-line surface, mounted by src/cli/main.ts.
export { registerScheduleCommands } from './cli.ts';
