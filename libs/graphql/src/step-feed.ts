import { Inject } from '@nestjs/common';
import type { DecodedEvent } from '#kernel';
import { LiveFeed } from './live-feed.js';
import type { Loaders } from './loaders.js';
import { TimeTravel } from './time-travel.js';

/** Steps rendered recently, shared by every subscriber: a change is rendered once, not once per client. */
const RENDERED_KEPT = 256;

/**
 * A subscription that pushes one step per accepted recorded event, each rendered from the
 * aggregate as that event left it (`history.stateAfter`), so a subscriber that falls behind still
 * sees every step. However many clients follow, each step is rendered once; a failed rendering is
 * forgotten so the next subscriber tries again.
 */
export abstract class StepFeed<View> {
  @Inject(LiveFeed) private readonly feed!: LiveFeed;
  @Inject(TimeTravel) protected readonly history!: TimeTravel;
  private readonly rendered = new Map<string, Promise<View | null>>();

  /** The step an accepted event stands for; null pushes nothing. */
  protected abstract render(event: DecodedEvent): Promise<View | null>;

  /** `loaders`: the subscription's, which live as long as it does: each message loads fresh references. */
  protected steps(accept: (event: DecodedEvent) => boolean, loaders?: Loaders): AsyncIterableIterator<View> {
    return this.feed.stream(accept, (event) => this.renderedOnce(event), { loaders });
  }

  private renderedOnce(event: DecodedEvent): Promise<View | null> {
    const key = event.recorded.id;
    let rendered = this.rendered.get(key);
    if (!rendered) {
      rendered = this.render(event);
      this.rendered.set(key, rendered);
      rendered.catch(() => this.rendered.delete(key));
      if (this.rendered.size > RENDERED_KEPT) this.rendered.delete(this.rendered.keys().next().value!);
    }
    return rendered;
  }
}
