// TK-3 / WF-4 / WF-8 / WF-10 / WF-12 / WF-13 / SM-2 / PG-5: the demo workspace's macros, worded
// after the handbook pages in the seeds. They are data: a workspace replaces or edits them.
import { notFound } from '../kernel/errors.ts';
import type { Macro } from './macro.ts';

/**
 * Qualification tags (WF-4), each named after the seeds' macro that sets it ("Strict Definition",
 * "Not an Emergency"); the emergency workflow's own config uses the same names, so a verdict and
 * its macro never leave two spellings of one tag on a ticket.
 */
export const EMERGENCY_TAGS = {
  strict: 'emergency_strict_definition',
  exception: 'emergency_exception',
  needsMoreInfo: 'emergency_needs_more_info',
  notEmergency: 'emergency_not_an_emergency',
  downgraded: 'emergency_downgraded',
  compromised: 'emergency_compromised_instance',
  incident: 'emergency_incident',
  trialSignoff: 'trial_exclusions_signoff_requested',
  escalated: 'escalated',
  manualTrigger: 'emergency_manual_trigger',
} as const;

// A final verdict replaces an earlier final verdict, but never the needs-more-info tag: the seeds
// say that tag "will intentionally remain attached" (WF-4).
const FINAL_VERDICTS = [EMERGENCY_TAGS.strict, EMERGENCY_TAGS.exception, EMERGENCY_TAGS.notEmergency];
const others = (keep: string) => FINAL_VERDICTS.filter((t) => t !== keep);

export const DEMO_MACROS: Macro[] = [
  {
    id: 'emergency-strict-definition',
    title: 'General::Emergency::Strict Definition',
    description: 'The request meets the definition of Severity 1: tell the customer your plan to work the emergency.',
    active: true,
    actions: [
      { type: 'remove_tags', tags: others(EMERGENCY_TAGS.strict) },
      { type: 'add_tags', tags: [EMERGENCY_TAGS.strict] },
      { type: 'comment', public: true, body: `Hi {{requester.first_name|there}},

I'm {{agent.name}}, the engineer on call, and I'm handling your emergency request (ticket #{{ticket.number}}). Your situation meets our definition of an emergency: a production server or cluster that is not available, or otherwise unusable.

Here is my plan to work the emergency with you:
- I'm reviewing the details you sent and the logs you can share.
- {{bridge.url|I'll send you a call link shortly so we can look at the system together.}}
- I'll keep this ticket updated with every step we take.

If anything changes on your side, reply to this ticket right away.` },
    ],
  },
  {
    id: 'emergency-exception',
    title: 'General::Emergency::Exception',
    description: 'The request qualifies under one of the exception criteria: it is treated as an emergency as a courtesy.',
    active: true,
    actions: [
      { type: 'remove_tags', tags: others(EMERGENCY_TAGS.exception) },
      { type: 'add_tags', tags: [EMERGENCY_TAGS.exception] },
      { type: 'comment', public: true, body: `Hi {{requester.first_name|there}},

I'm {{agent.name}}, the engineer on call, and I'm handling your request (ticket #{{ticket.number}}). Your situation does not strictly meet our definition of an emergency, but given its impact on your business we are treating it as an emergency as a courtesy.

{{bridge.url|I'll send you a call link shortly so we can look at the system together.}}` },
      { type: 'comment', public: false, body: 'Qualified as an emergency exception. Exception criterion: {{exception.criterion|not recorded — add it to this ticket}}.' },
    ],
  },
  {
    id: 'emergency-needs-more-info',
    title: 'General::Emergency::Needs more info',
    description: 'Not enough information to decide whether the request qualifies; proceed asynchronously until it is clear.',
    active: true,
    actions: [
      { type: 'add_tags', tags: [EMERGENCY_TAGS.needsMoreInfo] },
      { type: 'comment', public: true, body: `Hi {{requester.first_name|there}},

I'm {{agent.name}}, the engineer on call, and I'm looking at your emergency request (ticket #{{ticket.number}}). To categorise the situation correctly, I'd like to understand more about the effect it is having on your ability to work or to meet your business objectives (the business impact).

Could you please tell me:
- what is not working, and since when;
- who or what is affected (all users, some users, one project, a pipeline…);
- what you have already tried;
- any error messages, screenshots or logs you can share.

I'll proceed asynchronously in this ticket until we can make that determination.` },
    ],
  },
  {
    id: 'emergency-not-an-emergency',
    title: 'General::Emergency::Not an Emergency',
    description: 'Neither Severity 1 nor an exception: tell the customer, then apply "Downgrade emergency ticket".',
    active: true,
    actions: [
      { type: 'remove_tags', tags: others(EMERGENCY_TAGS.notEmergency) },
      { type: 'add_tags', tags: [EMERGENCY_TAGS.notEmergency] },
      { type: 'comment', public: true, body: `Hi {{requester.first_name|there}},

Thank you for reaching out, and I understand this is causing real pressure on your side. We define an emergency as a production server or cluster that is not available, or otherwise unusable. From what you describe, your situation does not qualify for emergency service, so I'm resetting this request to a non-emergency priority.

A support engineer will work on it according to our normal service levels. If the situation gets worse and your production system becomes unusable, please open a new emergency request right away.` },
    ],
  },
  {
    id: 'downgrade-emergency-ticket',
    title: 'Downgrade emergency ticket',
    description: 'Form Self-Managed, priority High, stage NRT; adjust the form and priority afterwards if needed.',
    active: true,
    actions: [
      { type: 'set_form', value: 'self_managed' },
      { type: 'set_priority', value: 'high' },
      { type: 'set_stage', value: 'next_reply' },
      { type: 'add_tags', tags: [EMERGENCY_TAGS.downgraded] },
      { type: 'comment', public: false, body: 'Emergency downgraded by {{agent.name}}: form Self-Managed, priority High, stage next reply. Adjust the form to the ticket type and the priority to the support impact. If the customer already has a related ticket, close this one when the downgrade message is delivered and make sure the existing ticket has the priority chosen.' },
    ],
  },
  {
    id: 'post-customer-call-summary',
    title: 'Support::Customer Calls::Call Completed - Summary',
    description: 'Post-call notes relevant to the customer, as a public reply (WF-8).',
    active: true,
    actions: [
      { type: 'comment', public: true, body: `Hi {{requester.first_name|there}},

Thank you for your time on the call today. Here is a summary of what we covered.

Situation:
- 

What we did:
- 

Current state:
- 

Next steps:
- 

If you need any more help, feel free to open a new emergency ticket and the engineer on call will get back on a call with you right away. After my shift, {{oncall.next|my colleague on call}} will be responding; I'll make sure they have the background of the situation before I leave.

{{agent.name}}` },
    ],
  },
  {
    id: 'compromised-instance',
    title: 'Incident::Compromised Instance',
    description: 'Recovery checklist for a compromised self-managed instance; engage the manager on call before any call (WF-13).',
    active: true,
    actions: [
      { type: 'add_tags', tags: [EMERGENCY_TAGS.compromised] },
      { type: 'comment', public: true, body: `Hi {{requester.first_name|there}},

Based on the ticket it sounds likely that your instance is compromised. We're here to support and advise, but there is no one-size-fits-all checklist to completely secure a server that has been compromised; please also follow your organisation's established incident response plan. This is the approach we recommend:

1. Shut the instance down immediately.
2. Create a new instance at the exact same version and restore your most recent backup into it.
   - Avoid exposing the new instance to the Internet.
   - If you do not have a copy of your gitlab-secrets.json, or if the only backups available are stored in /var/opt/gitlab/backups, mount the volume of the compromised instance to retrieve them.
3. Rotate secrets on the new instance:
   - all secrets contained within gitlab.rb (such as LDAP/email passwords);
   - all secrets in CI jobs such as API keys or remote server credentials;
   - GitLab Runner registration tokens and Runner environment variables.
4. If the exploit used to compromise the instance is known, upgrade the new instance to a version that contains a fix for it, or apply any known patches/workarounds.
5. If public access is required by your organisation, remove network access restrictions once the new instance is appropriately secured.
6. Retain the compromised instance for forensics and additional data recovery.

Finally, audit the integrity of the application itself: check for any users, code, webhooks, runners or other settings that you did not enable yourselves. If you have any questions, please let us know in this ticket.` },
      { type: 'comment', public: false, body: 'Compromised instance: do not offer or join a call without engaging the Support Manager on call ({{oncall.manager|see the manager rotation}}) to align and set expectations with the customer through the ticket.' },
    ],
  },
  {
    id: 'incident-first-response',
    title: 'Support::SaaS::Gitlab.com::Incident First Response',
    description: 'First response during a known incident: point to the status page and the incident issue (WF-10).',
    active: true,
    actions: [
      { type: 'set_status', value: 'open' },
      { type: 'add_tags', tags: [EMERGENCY_TAGS.incident] },
      { type: 'comment', public: true, body: `Hi {{requester.first_name|there}},

Thank you for contacting us. We are aware of an ongoing incident that matches what you describe, and we are actively working to address the problem.

- Status page: {{incident.status_page_url|see our public status page}}
- Incident issue: {{incident.issue_url|we will follow up with a link to a tracking issue as soon as one is created}}

Please follow along there for updates. If you still have trouble once the incident has been declared resolved, reply to this ticket.` },
    ],
  },
  {
    id: 'trial-exclusions-sign-off',
    title: 'Trial Subscription - Exclusions Sign Off',
    description: 'Weekend licence emergency: a trial restores access; do not proceed until the customer confirms the exclusions in writing (WF-12).',
    active: true,
    actions: [
      { type: 'set_status', value: 'pending' },
      { type: 'add_tags', tags: [EMERGENCY_TAGS.trialSignoff] },
      { type: 'comment', public: true, body: `Hi {{requester.first_name|there}},

To unblock you until your subscription can be sorted out on the next business day, we can place your namespace on a temporary trial subscription. Before we do, please note what a trial does not include:

- It is temporary and ends automatically after a few days; it does not renew or replace your subscription.
- It does not add purchased seats, storage or compute minutes, and usage during the trial is not credited to a subscription.
- Some features, support terms and add-ons of a paid subscription are not part of a trial.

Please reply to this ticket confirming in writing that you understand these trial subscription exclusions. We will not make any change until we have your confirmation.` },
    ],
  },
  {
    id: 'manager-escalated-ticket',
    title: 'Support::Managers::Escalated Ticket',
    description: 'Cross-link the escalation record and its discussion thread, tag the ticket as escalated (SM-2).',
    active: true,
    actions: [
      { type: 'add_tags', tags: [EMERGENCY_TAGS.escalated] },
      { type: 'add_follower', value: 'current_user' },
      { type: 'comment', public: false, body: `This ticket has been escalated; {{agent.name}} is the manager following it.
- Escalation: {{escalation.url|(link the escalation record)}}
- Discussion thread: {{escalation.thread_url|(link the thread)}}` },
    ],
  },
  {
    id: 'trigger-manual-emergency',
    title: 'Support::Managers::Trigger manual emergency',
    description: 'A manager turns this ticket into an emergency and pages the on-call engineer (PG-5).',
    active: true,
    actions: [
      { type: 'set_priority', value: 'urgent' },
      { type: 'set_emergency', value: true },
      { type: 'add_tags', tags: [EMERGENCY_TAGS.manualTrigger] },
      { type: 'comment', public: false, body: 'Emergency triggered manually by {{agent.name}} for ticket #{{ticket.number}}; the on-call engineer is being paged.' },
      { type: 'signal', name: 'page_oncall' },
    ],
  },
];

export function demoMacro(id: string): Macro {
  const m = DEMO_MACROS.find((x) => x.id === id);
  if (!m) throw notFound('macro.not_found', `No demo macro "${id}"; use one of: ${DEMO_MACROS.map((x) => x.id).join(', ')}.`, { id });
  return m;
}
