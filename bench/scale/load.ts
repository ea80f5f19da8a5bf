/**
 * The load generator of the scale benchmark, in a process of its own: autocannon against one
 * URL with one request, for a duration, with a number of connections (one request in flight
 * each). Prints autocannon's result as one JSON line.
 *
 *   node load.js '{"url": ..., "connections": 16, "seconds": 10, "headers": {...}, "body": "..."}'
 */
import autocannon from 'autocannon';

export interface LoadSpec {
  url: string;
  connections: number;
  seconds: number;
  headers: Record<string, string>;
  body: string;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

const spec = JSON.parse(process.argv[2]!) as LoadSpec;
const result = await autocannon({
  url: spec.url,
  method: 'POST',
  connections: spec.connections,
  pipelining: 1,
  duration: spec.seconds,
  headers: spec.headers,
  body: spec.body,
});
const summary: LoadResult = {
  // Completed requests over the run's real duration (autocannon's `average` is per sampled second).
  requestsPerSecond: result.requests.total / (result.duration || spec.seconds),
  p50: result.latency.p50,
  p99: result.latency.p99,
  requests: result.requests.total,
  non2xx: result.non2xx,
  errors: result.errors,
  timeouts: result.timeouts,
};
console.log(JSON.stringify(summary));
