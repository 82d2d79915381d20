// The schedules sections' shape in the workspace schema. Times without Z or an offset are wall
// clock in the rotation's (or schedule's) zone, so they are text here and read by config.ts.
import { Type } from '@sinclair/typebox';
import { Fields, OneOf, Text, type SectionSchema } from '../workspace/index.ts';

const Days = OneOf([Text('weekdays, weekends or all'), Type.Array(OneOf([Text(), Type.Integer()], 'a weekday: mon…sun or 1…7'))], 'days: weekdays, weekends, all, or a list of mon…sun');
const Window = OneOf([Text('Such as 12:00-18:00 (21:00-05:00 crosses midnight).'), Fields({ from: Text('HH:MM'), to: Text('HH:MM'), days: Days }, ['from', 'to'])], "a window such as '12:00-18:00' or {from, to, days}");
const Member = OneOf([Text('A person by e-mail.'), Fields({ user: Text(), shadow: Type.Boolean({ description: 'Learns alongside; never paged alone.' }) }, ['user'])], 'a member: an e-mail or {user, shadow}');

export const schedulesSchema: SectionSchema = {
  rotations: Type.Array(Fields({
    id: Text(), name: Text(), time_zone: Text('The zone hand-offs keep their wall-clock time in.'), start: Text('When the first turn starts.'), end: Text(),
    handoff: Fields({ every: Type.Integer({ minimum: 1 }), unit: Text('hours, days or weeks') }),
    windows: Type.Array(Window, { description: 'Daily shifts, each window one turn (instead of handoff).' }), days: Days,
    restrictions: Type.Array(Window, { description: 'The windows this rotation may cover.' }),
    members: Type.Array(Member),
    changes: Type.Array(Fields({ at: Text(), members: Type.Array(Member), remove: Type.Array(Text()), add: Type.Array(Member), start_with: Text() }, ['at'])),
    mode: Text('rotate (default: one member a turn) or all (every member at once).'),
    ical_url: Text('Follow this iCalendar (.ics) feed instead of a rhythm: read-only, each event\'s attendee or summary e-mail is on call.'),
    refresh_minutes: Type.Integer({ minimum: 1, maximum: 1440, description: 'How often the feed is read again (default 15).' }),
  }, ['id', 'time_zone', 'start'])),
  schedules: Type.Array(Fields({
    id: Text(), name: Text(), time_zone: Text(),
    layers: Type.Array(Fields({ id: Text(), name: Text(), rotation: Text(), rotations: Type.Array(Text()) }), { description: 'A later layer wins where it has someone.' }),
    fallback: Fields({ user: Text(), coverable: Type.Array(Window) }, ['user']),
  }, ['id'])),
  rotation_groups: Type.Array(Fields({
    id: Text(), name: Text(), time_zone: Text(), schedules: Type.Array(Text()), coverage: Type.Array(Window),
    dri: Type.Array(Fields({ from: Text(), to: Text(), days: Days, schedule: Text(), user: Text(), time_zone: Text() }, ['from', 'to'])),
    handoff_reminder_minutes: Type.Integer({ minimum: 0, maximum: 1440 }),
  }, ['id', 'time_zone'])),
  schedule_overrides: Type.Array(Fields({ id: Text(), schedule: Text(), start: Text(), end: Text(), user: Text(), replaces: Text(), shadow: Type.Boolean() }, ['id', 'schedule', 'start', 'end'])),
  schedule_swaps: Type.Array(Fields({ id: Text(), schedule: Text(), start: Text(), end: Text(), users: Type.Array(Text()) }, ['id', 'schedule', 'start', 'end', 'users'])),
};
