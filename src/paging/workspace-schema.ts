// The paging sections' shape in the workspace schema: escalation policies, services, notification rules.
import { Type } from '@sinclair/typebox';
import { Choice, Fields, OneOf, Text, type SectionSchema } from '../workspace/index.ts';

const TARGET_KINDS = ['user', 'team', 'schedule', 'rotation_group', 'group_dri'] as const;
const Target = OneOf(TARGET_KINDS.map((k) => Fields({ [k]: Text() }, [k])), `a target: one of ${TARGET_KINDS.map((k) => `{${k}: …}`).join(', ')}`);
const Urgency = Choice(['high', 'low', 'any'] as const, 'Which pages the rule is for (default any).');
const Delay = Type.Integer({ minimum: 0, description: 'Minutes after the page reaches the person.' });

export const pagingSchema: SectionSchema = {
  escalation_policies: Type.Array(Fields({
    id: Text(), name: Text(), repeat: Type.Integer({ minimum: 0, description: 'Times the policy starts over when nobody acknowledges.' }),
    pageable_by: Type.Array(Text()),
    levels: Type.Array(Fields({ delay_minutes: Type.Integer({ minimum: 0 }), targets: Type.Array(Target), round_robin: Type.Boolean() })),
  }, ['name'])),
  services: Type.Array(Fields({
    id: Text(), name: Text(), description: Text(), escalation_policy: Text('An escalation policy id.'),
    integration_key: Text('The Events API v2 routing key (and Opsgenie GenieKey) of the service.'),
  }, ['name'])),
  notification_rules: Type.Array(OneOf([
    Fields({ role: Text('Everyone of this role who has no rules of their own.'), rules: Type.Array(Fields({ kind: Text('A contact kind: email, sms, voice…'), delay_minutes: Delay, urgency: Urgency }, ['kind'])) }, ['role']),
    Fields({ user: Text('This person, by e-mail: exactly these rules.'), rules: Type.Array(Fields({ kind: Text(), address: Text('Which contact, when the person has several of the kind.'), delay_minutes: Delay, urgency: Urgency }, ['kind'])) }, ['user']),
  ], 'a rule set: {role: …, rules: […]} or {user: …, rules: […]}')),
};
