// SCH-10: what the people of a shift change are told, in their own time zone. Pure.
import { Temporal } from '../kernel/time.ts';

export interface HandoffNotice {
  scheduleName: string;
  at: Temporal.Instant;
  /** The reader's zone: "your shift ends at 18:00" means their 18:00. */
  readerZone: string;
  /** What another capability says is still open (one line each), e.g. open emergencies. */
  open: readonly string[];
}

/**
 * The incoming engineer: you are on now, and here is what the previous shift left open. Someone
 * already on call who is handed work (`alreadyOn`) is told what is now theirs.
 */
export function incomingMessage(n: HandoffNotice & { late: boolean; outgoing: readonly string[]; alreadyOn?: boolean }): { subject: string; text: string } {
  const when = clock(n.at, n.readerZone);
  const lateNote = n.late ? ' (this notice is late: Hotline was not running at the hand-off)' : '';
  const lines = [
    n.alreadyOn ? `${n.scheduleName} handed over at ${when}${lateNote}; you are taking over work from it.` : `You are on call for ${n.scheduleName} from ${when}${lateNote}.`,
    n.outgoing.length ? `Handed over by: ${n.outgoing.join(', ')}.` : 'Nobody was on before you.',
    '',
    ...(n.open.length ? ['Still open from the previous shift:', ...n.open.map((l) => `- ${l}`)] : ['Nothing is open from the previous shift.']),
  ];
  const count = n.open.length ? ` — ${n.open.length} open` : '';
  return { subject: n.alreadyOn ? `[Hotline] Handed over to you: ${n.scheduleName}${count}` : `[Hotline] On call now: ${n.scheduleName}${count}`, text: lines.join('\n') };
}

/** The outgoing engineer, 15–30 minutes before: hand over what is yours. */
export function reminderMessage(n: HandoffNotice & { incoming: readonly string[] }): { subject: string; text: string } {
  const when = clock(n.at, n.readerZone);
  const lines = [
    `Your ${n.scheduleName} shift ends at ${when}.`,
    n.incoming.length ? `Next on: ${n.incoming.join(', ')}.` : 'Nobody is scheduled after you: tell your manager before you go.',
    '',
    ...(n.open.length ? ['Hand these over before you go:', ...n.open.map((l) => `- ${l}`)] : ['Nothing of yours is open.']),
  ];
  return { subject: `[Hotline] Your ${n.scheduleName} shift ends at ${when}`, text: lines.join('\n') };
}

function clock(at: Temporal.Instant, zone: string): string {
  const local = new Intl.DateTimeFormat('en-GB', { weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone, timeZoneName: 'short' }).format(at.epochMilliseconds);
  return `${local} (${zone})`;
}
