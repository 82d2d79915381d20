// WF-4: does the situation qualify as an emergency; the matching macro, tags and message.
import type { Temporal } from '../kernel/time.ts';
import { invalid } from '../kernel/errors.ts';
import type { EmergencyConfig, ExceptionCriterion } from './config.ts';
import { DecisionBuilder, timerKey, type Decision, type EmergencyTicket, type Priority, type TicketForm } from './decision.ts';

export type QualificationVerdict = 'strict' | 'exception' | 'needs_more_info' | 'not_emergency';

export interface RelatedTicket {
  id: string;
  number: number;
  priority: Priority;
}

export interface QualificationInput {
  ticket: EmergencyTicket;
  verdict: QualificationVerdict;
  /** Required for 'exception'. */
  criterion?: ExceptionCriterion;
  /** The engineer's own words (plan, questions); a default text is used when absent. */
  message?: string;
  /** WF-4 downgrade: the customer's existing ticket about the same problem. */
  relatedTicket?: RelatedTicket | null;
  /** Downgrade priority and form chosen by the engineer (defaults: the downgrade macro's). */
  downgradePriority?: Priority;
  downgradeForm?: TicketForm;
}

const CRITERION_TEXT: Record<ExceptionCriterion, string> = {
  financial_impact: 'significant financial impact',
  unusable_for_business: 'the product being unusable for your business',
  legal: 'legal exposure',
  audit: 'an audit deadline',
  security: 'a security concern',
};

export function qualificationTag(config: EmergencyConfig, verdict: QualificationVerdict): string {
  return { strict: config.tags.strict, exception: config.tags.exception, needs_more_info: config.tags.needsMoreInfo, not_emergency: config.tags.notAnEmergency }[verdict];
}

export function decideQualification(input: QualificationInput, _now: Temporal.Instant, config: EmergencyConfig): Decision {
  const t = input.ticket;
  const m = config.macros;
  const tag = qualificationTag(config, input.verdict);
  // The needs-more-info tag intentionally stays when a final verdict follows; other verdicts replace each other.
  const finals = [config.tags.strict, config.tags.exception, config.tags.notAnEmergency].filter((x) => x !== tag);
  const removeTags = finals.filter((x) => t.tags.includes(x));
  const b = new DecisionBuilder();

  switch (input.verdict) {
    case 'strict':
      b.change(t.id, { addTags: [tag], removeTags })
        .comment(t.id, 'public', input.message ?? 'We have received your emergency request and are treating it as an emergency: a production instance is unavailable or unusable. Here is our plan to work on it with you.', m.strict)
        .tick(t.id, 'qualified', 'public_reply_sent');
      break;
    case 'exception': {
      const c = input.criterion;
      if (!c || !config.exceptionCriteria.includes(c)) {
        throw invalid('emergency.exception_criterion_required', `Choose the exception criterion: one of ${config.exceptionCriteria.join(', ')}.`, { criterion: c ?? null });
      }
      b.change(t.id, { addTags: [tag, `${tag}_${c}`], removeTags })
        .comment(t.id, 'public', input.message ?? `Your situation does not strictly meet our definition of an emergency, but because of ${CRITERION_TEXT[c]} we are treating it as an emergency as a courtesy.`, m.exception)
        .tick(t.id, 'qualified', 'public_reply_sent');
      break;
    }
    case 'needs_more_info':
      b.change(t.id, { addTags: [tag] })
        .comment(
          t.id,
          'public',
          input.message ??
            'To categorise this situation correctly, we would like to understand the effect it is having on your ability to work or to meet your business objectives (the business impact). Please also send the specific details listed below. We will proceed asynchronously until we can make that determination.',
          m.needsMoreInfo,
        )
        .tick(t.id, 'public_reply_sent');
      break;
    case 'not_emergency':
      downgrade(b, input, config, tag, removeTags);
      break;
  }
  return b.build();
}

/** WF-4 downgrade path: macro fields, the careful message, and the related-ticket hand-over. */
function downgrade(b: DecisionBuilder, input: QualificationInput, config: EmergencyConfig, tag: string, removeTags: string[]): void {
  const t = input.ticket;
  const priority = input.downgradePriority ?? config.downgrade.priority;
  const rel = input.relatedTicket ?? null;
  const continueIn = rel ? `We will close this emergency ticket and continue the work in your existing ticket ${rel.number}, at ${priority} priority.` : `Work continues in this ticket at ${priority} priority.`;
  const expectation =
    priority === 'high'
      ? 'If your situation is not quite an emergency yet but could quickly become one, a support engineer will begin working on it immediately as a high-priority ticket.'
      : 'A support engineer will respond according to our normal, non-emergency service levels.';
  b.change(t.id, {
    form: input.downgradeForm ?? config.downgrade.form,
    priority,
    stage: config.downgrade.stage,
    addTags: [tag],
    removeTags,
    ...(rel ? { status: config.downgrade.closeStatus } : {}),
  })
    .comment(
      t.id,
      'public',
      input.message ??
        `Thank you for reaching out, and we understand how stressful this is. We define an emergency as a production instance that is unavailable or unusable; your situation does not meet that definition or our exception criteria, so we have set the ticket to ${priority} priority. ${continueIn} ${expectation}`,
      config.macros.notAnEmergency,
    )
    .comment(t.id, 'internal', `Downgraded: form ${input.downgradeForm ?? config.downgrade.form}, priority ${priority}, stage next reply.`, config.macros.downgrade)
    .tick(t.id, 'qualified', 'public_reply_sent')
    .cancel(timerKey(t.id, 'silence-followup'), 'WF-4: no longer an emergency')
    .cancel(timerKey(t.id, 'silence-bridge-close'), 'WF-4: no longer an emergency');
  if (rel) {
    b.change(rel.id, { priority })
      .comment(rel.id, 'internal', `Emergency ticket ${t.number} was downgraded and closed; work continues here.`)
      .comment(t.id, 'internal', `Closed in favour of existing ticket ${rel.number}.`)
      .record({ kind: 'link', ticketId: t.id, otherTicketId: rel.id, relation: 'follow_up' });
  }
}
