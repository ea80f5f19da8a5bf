import { type CommandHandlingDeps, loadStream } from './command-handling.js';
import { fold, type DomainEvent, type Evolver } from './decider.js';

export interface StateAsOf<State> {
  state: State;
  /** Number of events folded. */
  version: number;
  firstRecordedAt: string;
  lastRecordedAt: string;
}

/**
 * The aggregate as it was at `asOf`: its own stream folded with the write side's evolve,
 * up to and including the events recorded at that instant; undefined if it did not exist yet.
 */
export async function stateAsOf<Event extends DomainEvent, State>(
  deps: Pick<CommandHandlingDeps, 'store' | 'codec'>,
  decider: Evolver<Event, State>,
  streamId: string,
  asOf: Date,
): Promise<StateAsOf<State> | undefined> {
  const stream = await loadStream(deps, streamId);
  const limit = asOf.getTime();
  const upTo = stream.decoded.filter((event) => Date.parse(event.recordedAt) <= limit);
  if (upTo.length === 0) return undefined;
  return {
    state: fold(decider, upTo),
    version: upTo.length,
    firstRecordedAt: upTo[0]!.recordedAt,
    lastRecordedAt: upTo[upTo.length - 1]!.recordedAt,
  };
}
