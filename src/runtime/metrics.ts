// What this node counts for its operators (RP-4): the events, acknowledgements, notifications and
// breaches it handled itself. Each node counts only its own work, so Prometheus sums the nodes
// without counting anything twice; what describes the database as a whole (pages by state, jobs
// waiting) is read from the database at scrape time instead (src/api/ops.ts). Counted after the
// commit that made them true, so a rolled-back change is never counted.
import client from 'prom-client';

/** Why an event was turned away at the intake (PG-8), as the label says. */
export type EventRejection = 'too_large' | 'not_json' | 'invalid' | 'unknown_routing_key' | 'unknown_alert' | 'throttled';
/** The intake's doors: the Events API v2 and Opsgenie's Alert API. */
export type EventApi = 'events_v2' | 'opsgenie';

export class NodeMetrics {
  /** This node's registry: src/api/ops.ts adds the process and database metrics to it. */
  readonly registry = new client.Registry();

  private readonly eventsAccepted = new client.Counter({
    name: 'hotline_events_accepted_total',
    help: 'Events accepted by this node, by API (events_v2, opsgenie)',
    labelNames: ['api'],
    registers: [this.registry],
  });
  private readonly eventsRejected = new client.Counter({
    name: 'hotline_events_rejected_total',
    help: 'Events turned away by this node, by API and reason',
    labelNames: ['api', 'reason'],
    registers: [this.registry],
  });
  private readonly ackSeconds = new client.Histogram({
    name: 'hotline_page_time_to_acknowledge_seconds',
    help: 'Time from a page being triggered to its acknowledgement, for pages acknowledged on this node',
    // from "answered at once" to the hour a slow night escalation can take
    buckets: [15, 30, 60, 120, 300, 600, 900, 1800, 3600],
    registers: [this.registry],
  });
  private readonly notifications = new client.Counter({
    name: 'hotline_notifications_total',
    help: 'Notification attempts made by this node, by channel and outcome (sent, outbox, already_sent, failed, retrying)',
    labelNames: ['channel', 'outcome'],
    registers: [this.registry],
  });
  private readonly slaBreaches = new client.Counter({
    name: 'hotline_sla_breaches_total',
    help: 'Ticket SLA targets breached, recorded by this node, by metric',
    labelNames: ['metric'],
    registers: [this.registry],
  });

  eventAccepted(api: EventApi): void {
    this.eventsAccepted.inc({ api });
  }

  eventRejected(api: EventApi, reason: EventRejection): void {
    this.eventsRejected.inc({ api, reason });
  }

  pageAcknowledged(seconds: number): void {
    this.ackSeconds.observe(Math.max(0, seconds));
  }

  notificationAttempted(channel: string, outcome: string): void {
    this.notifications.inc({ channel, outcome });
  }

  slaBreached(metric: string | null): void {
    this.slaBreaches.inc({ metric: metric ?? 'none' });
  }
}
