// What a half year of the demo looks like, drawn from a seeded generator so the same seed gives the
// same history: emergencies arrive by hour of the week (Americas' weekday afternoons busiest,
// weekends quiet), a burst now and then lands several at once, acknowledgements and first replies
// are sometimes slow enough to breach, and ordinary tickets and escalations fill the days between.
// Pure: no clock, no store; the instants come in as epoch milliseconds.

/** mulberry32: small, fast and good enough for plausible demo data. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const HOUR = 3_600_000;
const MIN = 60_000;

export interface Customer { email: string; org: string; form: string; group: 'customer-emergencies' | 'us-government'; entitled: boolean }

/** The demo's requesters who raise emergencies, and two whose plans have none (paged nobody). */
export const CUSTOMERS: readonly Customer[] = [
  { email: 'rita@acme.example', org: 'Acme Robotics', form: 'self_managed', group: 'customer-emergencies', entitled: true },
  { email: 'sysadmin@acme.example', org: 'Acme Robotics', form: 'self_managed', group: 'customer-emergencies', entitled: true },
  { email: 'gus@globex.example', org: 'Globex Cloud', form: 'saas', group: 'customer-emergencies', entitled: true },
  { email: 'peter@initech.example', org: 'Initech Dedicated', form: 'dedicated', group: 'customer-emergencies', entitled: true },
  { email: 'rachael@tyrell.example', org: 'Tyrell Federal', form: 'us_government', group: 'us-government', entitled: true },
  { email: 'miles@cyberdyne.example', org: 'Cyberdyne Federal', form: 'us_government', group: 'us-government', entitled: true },
  { email: 'gavin@hooli.example', org: 'Hooli Community', form: 'self_managed', group: 'customer-emergencies', entitled: false },
  { email: 'alice@umbrella.example', org: 'Umbrella Starter', form: 'self_managed', group: 'customer-emergencies', entitled: false },
];

const SUBJECTS = ['Production down: 502 on every push', 'Database migration stuck after upgrade', 'Runners not picking up jobs', 'Login loop after SSO change', 'Geo secondary out of sync', 'Pipelines failing with 500', 'Disk full on the primary node', 'Merge requests not loading', 'Registry pushes time out', 'Backup restore fails halfway'];
const TICKET_SUBJECTS = ['How do I rotate the runner token?', 'License seats after the renewal', 'Slow search on large projects', 'Question about backup retention', 'Upgrade path from 16.x', 'SAML group sync', 'API rate limits for our CI', 'Billing contact change', 'Webhook retries', 'Project export is empty'];

export interface PlannedEmergency {
  atMs: number;
  customer: Customer;
  subject: string;
  /** Minutes after arrival: acknowledged, first public reply, resolved (engineer free again). */
  ackMin: number;
  replyMin: number;
  handleMin: number;
  qualification: 'strict' | 'exception' | 'not_emergency' | 'needs_more_info';
}

export interface PlannedTicket { atMs: number; customer: Customer; subject: string; priority: 'low' | 'normal' | 'high'; replyMin: number; solveMin: number }
export interface PlannedEscalation { atMs: number; urgency: 'high' | 'medium' | 'low'; ackMin: number; closeMin: number; outcome: 'resolved' | 'rejected'; label: string }

export interface HistoryPlan { emergencies: PlannedEmergency[]; tickets: PlannedTicket[]; escalations: PlannedEscalation[] }

/** Emergencies expected per hour at a UTC hour of a weekday: the Americas' afternoon is busiest. */
function emergencyRate(utcHour: number, weekend: boolean): number {
  const r = utcHour >= 14 && utcHour < 23 ? 0.3 : utcHour >= 7 && utcHour < 14 ? 0.18 : 0.09;
  return weekend ? r * 0.35 : r;
}

function poisson(rnd: () => number, lambda: number): number {
  const l = Math.exp(-lambda);
  let k = 0;
  let p = rnd();
  while (p > l) {
    k++;
    p *= rnd();
  }
  return k;
}

/** Minutes drawn around a median with a long tail (log-normal), kept within [min, max]. */
function minutes(rnd: () => number, median: number, spread: number, min: number, max: number): number {
  const z = Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  return Math.round(Math.min(max, Math.max(min, median * Math.exp(spread * z))));
}

const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];

function emergencyAt(rnd: () => number, atMs: number): PlannedEmergency {
  const r = rnd();
  const customer = r < 0.05 ? pick(rnd, CUSTOMERS.filter((c) => !c.entitled)) : r < 0.2 ? pick(rnd, CUSTOMERS.filter((c) => c.group === 'us-government')) : pick(rnd, CUSTOMERS.filter((c) => c.entitled && c.group === 'customer-emergencies'));
  const ackMin = minutes(rnd, 6, 0.8, 1, 45);
  const replyMin = ackMin + minutes(rnd, 9, 0.6, 2, 60);
  const q = rnd();
  return {
    atMs,
    customer,
    subject: pick(rnd, SUBJECTS),
    ackMin,
    replyMin,
    handleMin: Math.max(replyMin + 5, minutes(rnd, 55, 0.6, 15, 360)),
    qualification: q < 0.72 ? 'strict' : q < 0.86 ? 'exception' : q < 0.96 ? 'not_emergency' : 'needs_more_info',
  };
}

/** A half year (or any period) of history from `seed`, hour by hour over [fromMs, toMs). */
export function planHistory(seed: number, fromMs: number, toMs: number): HistoryPlan {
  const rnd = seeded(seed);
  const plan: HistoryPlan = { emergencies: [], tickets: [], escalations: [] };
  for (let h = Math.floor(fromMs / HOUR) * HOUR; h < toMs; h += HOUR) {
    const d = new Date(h);
    const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6;
    const hour = d.getUTCHours();
    for (let i = poisson(rnd, emergencyRate(hour, weekend)); i > 0; i--) plan.emergencies.push(emergencyAt(rnd, h + Math.floor(rnd() * HOUR)));
    // A burst: an outage at a shared provider brings several customers at once (RP-1 concurrency).
    if (!weekend && hour >= 15 && hour < 21 && rnd() < 0.012) {
      const start = h + Math.floor(rnd() * HOUR);
      for (let i = 0; i < 3; i++) plan.emergencies.push(emergencyAt(rnd, start + i * Math.floor(3 + rnd() * 8) * MIN));
    }
    const ticketRate = (weekend ? 0.25 : hour >= 7 && hour < 23 ? 1.4 : 0.4);
    for (let i = poisson(rnd, ticketRate); i > 0; i--) {
      const p = rnd();
      const priority = p < 0.15 ? 'high' : p < 0.85 ? 'normal' : 'low';
      const replyMin = minutes(rnd, priority === 'high' ? 120 : priority === 'normal' ? 240 : 600, 0.9, 5, 4 * 24 * 60);
      plan.tickets.push({ atMs: h + Math.floor(rnd() * HOUR), customer: pick(rnd, CUSTOMERS), subject: pick(rnd, TICKET_SUBJECTS), priority, replyMin, solveMin: replyMin + minutes(rnd, 24 * 60, 0.8, 30, 14 * 24 * 60) });
    }
    if (!weekend && hour >= 13 && hour < 22 && rnd() < 0.05) {
      const u = rnd();
      plan.escalations.push({ atMs: h + Math.floor(rnd() * HOUR), urgency: u < 0.25 ? 'high' : u < 0.75 ? 'medium' : 'low', ackMin: minutes(rnd, 20, 0.7, 2, 240), closeMin: minutes(rnd, 8 * 60, 0.8, 60, 7 * 24 * 60), outcome: rnd() < 0.85 ? 'resolved' : 'rejected', label: pick(rnd, ['License-Issue', 'Response-Time', 'Product-Bug', 'Upgrade-Help', 'Customer-Experience']) });
    }
  }
  plan.emergencies.sort((a, b) => a.atMs - b.atMs);
  return plan;
}
