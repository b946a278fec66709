/** The one source of time: rules receive `now` from here, never from `new Date()`. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A frozen clock (MARELLE_NOW, tests). `set` moves it, for tests that cross a deadline. */
export class FixedClock implements Clock {
  private current: Date;
  constructor(iso: string | Date) {
    this.current = new Date(iso);
    if (Number.isNaN(this.current.getTime())) throw new Error(`Invalid clock value: ${String(iso)}`);
  }
  now(): Date {
    return new Date(this.current.getTime());
  }
  set(iso: string | Date): void {
    this.current = new Date(iso);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export const isoNow = (clock: Clock): string => clock.now().toISOString();
