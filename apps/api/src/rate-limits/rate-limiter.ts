import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimited } from '#kernel';
import { type ConcordConfig, CONCORD_CONFIG } from '#runtime';

/**
 * Requests per client address (counted before parsing, so a flood of invalid documents is
 * limited like a flood of valid ones) and mutations per caller, over HTTP and graphql-ws alike.
 * Counts live in this process: each API instance limits what reaches it.
 */
@Injectable()
export class RateLimiter {
  private readonly requests: RateLimiterMemory;
  private readonly mutations: RateLimiterMemory;

  constructor(@Inject(CONCORD_CONFIG) config: ConcordConfig) {
    const { windowSeconds, requestsPerAddress, mutationsPerCaller } = config.rateLimits;
    this.requests = new RateLimiterMemory({ keyPrefix: 'requests', points: requestsPerAddress, duration: windowSeconds });
    this.mutations = new RateLimiterMemory({ keyPrefix: 'mutations', points: mutationsPerCaller, duration: windowSeconds });
  }

  /** Counts one request of `address`; the refusal when it is one too many. */
  request(address: string): Promise<RateLimited | undefined> {
    return take(this.requests, address, 'requests from this address');
  }

  /** Counts one mutation of `caller`; the refusal when it is one too many. */
  mutation(caller: string): Promise<RateLimited | undefined> {
    return take(this.mutations, caller, 'mutations by this caller');
  }
}

async function take(limiter: RateLimiterMemory, key: string, what: string): Promise<RateLimited | undefined> {
  try {
    await limiter.consume(key);
    return undefined;
  } catch (refusal) {
    if (!(refusal instanceof RateLimiterRes)) throw refusal;
    return new RateLimited(Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)), what);
  }
}
