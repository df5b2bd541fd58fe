// Time enters the system here and nowhere else; core receives it as a parameter.

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told: for tests and reproducible runs. */
export class FixedClock implements Clock {
  #ms: number;

  constructor(at: string | Date) {
    this.#ms = new Date(at).getTime();
  }

  now(): Date {
    return new Date(this.#ms);
  }

  set(at: string | Date): void {
    this.#ms = new Date(at).getTime();
  }

  advance(ms: number): void {
    this.#ms += ms;
  }
}
