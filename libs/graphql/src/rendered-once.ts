import type { DecodedEvent } from '#kernel';

/** Changes rendered recently, shared by every subscriber: a change is rendered once, not once per client. */
const RENDERED_KEPT = 256;

/**
 * What a live feed pushes for each recorded event, rendered at most once however many clients
 * follow it; a failed rendering is forgotten so the next subscriber tries again.
 */
export class RenderedOnce<View> {
  private readonly rendered = new Map<string, Promise<View | null>>();

  constructor(private readonly render: (event: DecodedEvent) => Promise<View | null>) {}

  of(event: DecodedEvent): Promise<View | null> {
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
