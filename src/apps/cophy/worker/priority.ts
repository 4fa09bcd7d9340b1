/**
 * Interactive work first. The filter's statistics (hundreds of filtered examples, one per step) share
 * the worker with the model's D; a step takes tens to hundreds of milliseconds, and the prediction
 * yields a few dozen times on its way, so letting the two alternate put a statistics step in every one
 * of those yields and the predicted keypoints of an edit came seconds late. Background work therefore
 * waits, between its steps, until no interactive call is in flight.
 */
export interface PriorityGate {
  /** Runs an interactive call; background work holds off until it settles. */
  interactive<T>(call: () => Promise<T>): Promise<T>;
  /** Resolves once no interactive call is in flight (at once when none is). */
  idle(): Promise<void>;
  /** Interactive calls in flight. */
  readonly busy: number;
}

export function createPriorityGate(): PriorityGate {
  let busy = 0;
  let waiting: (() => void)[] = [];
  return {
    async interactive<T>(call: () => Promise<T>): Promise<T> {
      busy++;
      try {
        return await call();
      } finally {
        busy--;
        if (busy === 0) {
          const wake = waiting;
          waiting = [];
          for (const w of wake) w();
        }
      }
    },
    idle(): Promise<void> {
      return busy === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiting.push(resolve));
    },
    get busy() {
      return busy;
    },
  };
}
