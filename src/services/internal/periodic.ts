// Background housekeeping (document retention, verification expiry): run now, then every interval, one run at a
// time; errors go to `onError`, never thrown, so the next run tries again. The timer does not keep the process alive.

export type PeriodicTask = {
  stop(): void;
  /** The run in progress, if any (tests, shutdown). */
  idle(): Promise<void>;
};

export function startPeriodic(
  work: () => Promise<void>,
  intervalMs: number,
  onError?: (error: unknown) => void,
): PeriodicTask {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const run = () => {
    if (stopped) return;
    running = running.then(async () => {
      if (stopped) return;
      try {
        await work();
      } catch (error) {
        onError?.(error);
      }
    });
  };
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
    idle: () => running,
  };
}
