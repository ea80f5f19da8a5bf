/**
 * Wakes live subscribers after a commit. A waiter taken before a read is woken by any commit
 * after that moment, so nothing committed between the read and the wait is missed.
 */
export class CommitSignal {
  private generation = 0;
  private waiters = new Set<() => void>();

  notify(): void {
    this.generation += 1;
    const waiters = this.waiters;
    this.waiters = new Set();
    for (const wake of waiters) wake();
  }

  next(): { wait(timeoutMs: number, signal?: AbortSignal): Promise<void> } {
    const taken = this.generation;
    return {
      wait: (timeoutMs, signal) =>
        new Promise<void>((resolve) => {
          if (this.generation !== taken || signal?.aborted) return resolve();
          const done = () => {
            clearTimeout(timer);
            signal?.removeEventListener('abort', done);
            this.waiters.delete(done);
            resolve();
          };
          // The timeout catches commits made by other processes sharing the file.
          const timer = setTimeout(done, timeoutMs);
          signal?.addEventListener('abort', done, { once: true });
          this.waiters.add(done);
        }),
    };
  }
}
