// The people sections' shape in the workspace schema: defaults, users, teams, organisations.
import { Type } from '@sinclair/typebox';
import { ROLES } from '../kernel/actor.ts';
import { Choice, Fields, Text, type SectionSchema } from '../workspace/index.ts';
import { DEPLOYMENTS, SUPPORT_PACKAGES } from './organization.ts';
import { CONTACT_KINDS } from './user.ts';

const Contact = Fields({
  kind: Choice(CONTACT_KINDS), address: Text('An e-mail address, a phone number (+1…), a chat handle or a webhook URL.'),
  label: Text(), verified: Type.Boolean({ description: 'Only verified contacts are notified; default true in a file.' }),
}, ['kind', 'address']);

const person = (roleDescription: string) => Fields({
  email: Text(), name: Text(), role: Choice(ROLES, roleDescription), kind: Choice(['person', 'bot'] as const),
  title: Text(), time_zone: Text('An IANA time zone such as Europe/Berlin (default: defaults.time_zone, else UTC).'),
  region: Text('AMER, EMEA, APAC…'), contact: Type.Array(Contact), password: Text('Set when the person is created, never reset by a later apply.'),
}, ['email', 'name']);

export const peopleSchema: SectionSchema = {
  defaults: Fields({ password: Text('The first password of people created without one.'), time_zone: Text('The time zone of people without one.') }),
  users: Type.Array(person('Default engineer.'), { description: 'Staff and bots.' }),
  teams: Type.Array(Fields({ handle: Text('Such as @support-team-emea.'), name: Text(), kind: Text('team (default) or another grouping.'), members: Type.Array(Text('A person by e-mail.')) }, ['handle', 'name'])),
  organizations: Type.Array(Fields({
    name: Text(), slug: Text(), plan_tier: Text('free, premium, ultimate…'), support_package: Choice(SUPPORT_PACKAGES), deployment: Choice(DEPLOYMENTS),
    starts_on: Text('YYYY-MM-DD'), ends_on: Text('YYYY-MM-DD'), trial: Type.Boolean(), seats: Type.Integer({ minimum: 0 }), purchased_on: Text('YYYY-MM-DD'),
    csm: Text('The customer success manager, by e-mail.'), ase: Text('The assigned support engineer, by e-mail.'), notes: Text(),
    requesters: Type.Array(person('Always customer for requesters.'), { description: "The organisation's people who raise tickets." }),
  }, ['name'])),
};
