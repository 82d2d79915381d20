// Creating a Temporal.Instant in the polyfill costs microseconds, and a year of a group renders
// thousands of pieces; so rendered pieces keep epoch milliseconds and build their Instants only
// when read.
import { Temporal } from '../kernel/time.ts';

export class Span {
  #start?: Temporal.Instant;
  #end?: Temporal.Instant;
  constructor(
    readonly startMs: number,
    readonly endMs: number,
  ) {}
  get start(): Temporal.Instant {
    return (this.#start ??= Temporal.Instant.fromEpochMilliseconds(this.startMs));
  }
  get end(): Temporal.Instant {
    return (this.#end ??= Temporal.Instant.fromEpochMilliseconds(this.endMs));
  }
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { ...(this as object), start: this.start.toString(), end: this.end.toString() };
    delete out.startMs;
    delete out.endMs;
    return out;
  }
}

export interface TimeSpan {
  readonly start: Temporal.Instant;
  readonly end: Temporal.Instant;
  readonly startMs: number;
  readonly endMs: number;
}

export function span(startMs: number, endMs: number): TimeSpan {
  return new Span(startMs, endMs);
}

/** A span with the person on it (null: nobody). */
export class PersonSpan extends Span {
  constructor(
    startMs: number,
    endMs: number,
    readonly user: string | null,
    readonly scheduleId?: string,
  ) {
    super(startMs, endMs);
  }
}
