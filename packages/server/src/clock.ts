// The one clock: everything that reads the time or waits takes it from a Clock handed in, so a test moves
// time instead of sleeping. Same shape as pg-boss's Clock, so the job runner and the app share one.

export type ClockTimer = unknown;

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  setTimeout(fn: () => void, ms: number): ClockTimer;
  clearTimeout(handle: ClockTimer): void;
  setInterval(fn: () => void, ms: number): ClockTimer;
  clearInterval(handle: ClockTimer): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

/** The clock's time as a Date. */
export const dateOf = (clock: Clock): Date => new Date(clock.now());

interface ManualTimer {
  at: number;
  every: number | null;
  fn: () => void;
}

/**
 * A clock for tests: time moves only through set() and advance(); timers fire from advance(), each at its
 * own due time, in order.
 */
export class ManualClock implements Clock {
  #now: number;
  #timers: ManualTimer[] = [];

  constructor(start: Date | number | string = "2026-01-05T00:00:00Z") {
    this.#now = new Date(start).getTime();
  }
  now(): number {
    return this.#now;
  }
  setTimeout(fn: () => void, ms: number): ClockTimer {
    const t: ManualTimer = { at: this.#now + Math.max(0, ms), every: null, fn };
    this.#timers.push(t);
    return t;
  }
  setInterval(fn: () => void, ms: number): ClockTimer {
    const every = Math.max(1, ms);
    const t: ManualTimer = { at: this.#now + every, every, fn };
    this.#timers.push(t);
    return t;
  }
  clearTimeout(handle: ClockTimer): void {
    this.#timers = this.#timers.filter((t) => t !== handle);
  }
  clearInterval(handle: ClockTimer): void {
    this.clearTimeout(handle);
  }
  /** Jumps to a time, firing nothing. */
  set(t: Date | number | string): void {
    this.#now = new Date(t).getTime();
  }
  /** Moves time forward by ms, firing each timer that falls due on the way, then lets its work settle. */
  async advance(ms: number): Promise<void> {
    const end = this.#now + ms;
    for (;;) {
      const next = this.#timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.#now = Math.max(this.#now, next.at);
      if (next.every === null) this.clearTimeout(next);
      else next.at += next.every;
      next.fn();
      await new Promise((r) => setImmediate(r));
    }
    this.#now = end;
  }
}
