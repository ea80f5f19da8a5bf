import { describe, expect, it } from '@jest/globals';
import { AccessDeniedError, CancelledError, NotLeaderError, UnavailableError } from '@eventstore/db-client';
import { Backoff, isTransient } from '../src/eventstoredb/subscription-retry.js';

describe('EventStoreDB subscription failures', () => {
  it('retries what a resubscription can cure and surfaces the rest', () => {
    expect(isTransient(new UnavailableError(Object.assign(new Error('14 UNAVAILABLE'), { code: 14 }) as never))).toBe(true);
    expect(isTransient(new CancelledError(Object.assign(new Error('1 CANCELLED'), { code: 1 }) as never))).toBe(true);
    expect(isTransient(new AccessDeniedError(Object.assign(new Error('7 PERMISSION_DENIED'), { code: 7 }) as never))).toBe(false);
    expect(isTransient(new NotLeaderError(Object.assign(new Error('not leader'), { code: 5, metadata: { getMap: () => ({ 'leader-endpoint-host': '10.0.0.2', 'leader-endpoint-port': '2113' }) } }) as never))).toBe(false);
    expect(isTransient(new RangeError('not an EventStoreDB position: x'))).toBe(false);
  });

  it('backs off exponentially up to 5 s and starts over once the subscription delivers', () => {
    const backoff = new Backoff();
    const delays = Array.from({ length: 8 }, () => backoff.delay());
    expect(delays).toEqual([100, 200, 400, 800, 1600, 3200, 5000, 5000]);
    backoff.reset();
    expect(backoff.delay()).toBe(100);
  });
});
