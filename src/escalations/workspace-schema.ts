// The escalations sections' shape in the workspace schema (SM-1..SM-10): channels, hours, the
// first-response watch, the redirect reply, upgrade assistance, and the skills directory.
import { Type } from '@sinclair/typebox';
import { Choice, Fields, MapOf, Text, type SectionSchema } from '../workspace/index.ts';
import { SKILL_LEVELS } from './skills.ts';

const Channel = Text('A channel such as #support_escalations.');

export const escalationsSchema: SectionSchema = {
  escalations: Fields({
    channel: Channel, help_channels: MapOf(Channel, 'A ticket form to the product channel where help threads open.'),
    working_hours: Text('Such as 09:00-17:00, weekdays in each person\'s zone.'), cover_channel: Channel,
    first_response: Fields({
      margin_minutes: Type.Integer({ minimum: 1, maximum: 7 * 24 * 60 }), every_minutes: Type.Integer({ minimum: 1, maximum: 24 * 60 }),
      regions: MapOf(Fields({ channel: Channel, zones: Type.Array(Text('A time-zone prefix such as America/, or *.')), threshold: Type.Integer({ minimum: 1, maximum: 10_000 }) }, ['channel', 'threshold'])),
    }),
    redirect: Fields({ reaction: Text('Such as escalate.'), text: Text('The reply; {form} is where the form link goes.'), form_url: Text() }),
    upgrade_assistance: Fields({ min_notice_hours: Type.Integer({ minimum: 0, maximum: 24 * 366 }), support_hours: Text('One of sla.calendars, or 24x7.') }),
  }),
  skills: Type.Array(Fields({
    person: Text('A staff member by e-mail.'), region: Text(),
    subjects: MapOf(Choice(SKILL_LEVELS), 'A subject to a level.'),
  }, ['person', 'subjects'])),
};
