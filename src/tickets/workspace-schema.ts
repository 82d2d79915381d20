// The helpdesk sections' shape in the workspace schema: ticket forms, SLA, macros, the portal.
import { Type } from '@sinclair/typebox';
import { Fields, MapOf, Nullable, OneOf, Text, type SectionSchema } from '../workspace/index.ts';

const Duration = Text('Such as 30m, 4h or 1h30m.');
const Hours = Text('calendar or business');
const Statuses = Type.Array(Text('new, open, pending or on_hold'));

export const helpdeskSchema: SectionSchema = {
  ticket_forms: Type.Array(OneOf([Text('A form id.'), Fields({ id: Text('Lower-case letters, digits and _.'), name: Text() }, ['id'])], 'a form: an id or {id, name}')),
  sla: Fields({
    calendars: Type.Array(Fields({
      id: Text(), name: Text(), time_zone: Text(),
      hours: MapOf(Nullable(OneOf([Text(), Type.Array(Text())], "opening hours such as '09:00-17:00' or a list of them")), 'mon…sun to opening hours.'),
      holidays: Type.Array(Text('YYYY-MM-DD')),
    }, ['id', 'time_zone', 'hours'])),
    policies: Type.Array(Fields({
      id: Text(), name: Text(), forms: OneOf([Text('all'), Type.Array(Text())], 'all, or a list of form ids'), calendar: Text(),
      targets: MapOf(Fields({ first_reply: Duration, next_reply: Duration, hours: Hours }), 'low, normal, high, urgent to targets.'),
      emergency: Fields({ next_reply: Duration, hours: Hours }),
      pause: Fields({ first_reply: Statuses, next_reply: Statuses }),
      next_reply_armed_by: Text('agent_reply or customer_reply'),
    }, ['id'])),
  }),
  macros: Type.Array(Fields({
    id: Text(), title: Text(), description: Text(), active: Type.Boolean(),
    actions: Type.Array(Type.Object({ type: Text('set_status, set_priority, set_form, set_stage, set_assignee, set_emergency, add_tags, remove_tags, set_tags, add_follower, set_custom_field, comment or signal') }, { description: 'An action and its value, tags, body…' })),
  }, ['id', 'title', 'actions'])),
  portal: Fields({ sign_replies_as: Text('engineer or team'), team_name: Text() }),
};
