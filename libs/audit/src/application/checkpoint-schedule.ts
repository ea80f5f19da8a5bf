import { SYSTEM_ACTOR } from '#kernel';
import type { AuditTree } from '../read-model/audit-tree.js';
import type { AuditCheckpoints } from './checkpoints.js';

export interface CheckpointScheduleSettings {
  /** A checkpoint every this many ms while events are recorded; 0: never by time. */
  intervalMs: number;
  /** A checkpoint as soon as this many events were recorded since the last; 0: never by count. */
  everyEvents: number;
}

/**
 * Issues checkpoints periodically: by time, unless nothing but the last checkpoint was recorded
 * since it, and by count, so that no recorded checkpoint lists more than `everyEvents` leaves.
 * One issue at a time; a failure is reported and the next tick tries again.
 */
export class CheckpointSchedule {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  /** The size this process last checkpointed: its own record may not be projected yet. */
  private issuedSize = 0;

  constructor(
    private readonly checkpoints: AuditCheckpoints,
    private readonly tree: AuditTree,
    private readonly settings: CheckpointScheduleSettings,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    if (this.settings.intervalMs > 0 && !this.timer) {
      this.timer = setInterval(() => this.tick(async () => (await this.checkpoints.hasNewEvents())), this.settings.intervalMs);
      this.timer.unref();
    }
  }

  /** Called after each projected batch: the tree is as far as the read models. */
  eventsProjected(): void {
    const every = this.settings.everyEvents;
    if (every <= 0) return;
    const since = this.tree.size - Math.max(this.issuedSize, this.tree.lastCheckpoint()?.treeSize ?? 0);
    if (since >= every) this.tick(async () => true);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private tick(due: () => Promise<boolean>): void {
    if (this.running) return;
    this.running = (async () => {
      try {
        if (await due()) this.issuedSize = (await this.checkpoints.issue(SYSTEM_ACTOR)).checkpoint.treeSize;
      } catch (error) {
        this.onError(error);
      } finally {
        this.running = undefined;
      }
    })();
  }
}
