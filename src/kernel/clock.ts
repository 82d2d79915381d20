// The clock is passed in, never read globally, so every rule and timer can run on a fake clock
// in tests and in the demo scenario replay.
import { Temporal } from 'temporal-polyfill';

export interface Clock {
  now(): Temporal.Instant;
}

export const systemClock: Clock = {
  now: () => Temporal.Now.instant(),
};

/** A clock that only moves when told to. */
export class FakeClock implements Clock {
  private current: Temporal.Instant;
  constructor(start: string | Temporal.Instant) {
    this.current = typeof start === 'string' ? Temporal.Instant.from(start) : start;
  }
  now(): Temporal.Instant {
    return this.current;
  }
  set(at: string | Temporal.Instant): void {
    this.current = typeof at === 'string' ? Temporal.Instant.from(at) : at;
  }
  advance(d: Temporal.DurationLike): Temporal.Instant {
    this.current = this.current.add(d);
    return this.current;
  }
}
