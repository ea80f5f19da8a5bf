import { EventStoreDBClient } from '@eventstore/db-client';

/**
 * One EventStoreDB client per process and connection string.
 *
 * The client library keeps its batch-append bookkeeping in module-global state: when one
 * client's batch-append stream fails (or the client is disposed), every client's pending
 * appends are rejected, though they may still commit, and a late answer can throw inside a
 * gRPC listener. Sharing one client keeps every append on one stream whose failure concerns
 * exactly the appends that were on it. Leases are counted; the last release disposes.
 */
const clients = new Map<string, { client: EventStoreDBClient; leases: number }>();

export interface ClientLease {
  readonly client: EventStoreDBClient;
  release(): Promise<void>;
}

export function leaseClient(connectionString: string): ClientLease {
  let entry = clients.get(connectionString);
  if (!entry) {
    entry = { client: EventStoreDBClient.connectionString(connectionString), leases: 0 };
    clients.set(connectionString, entry);
  }
  entry.leases += 1;
  const held = entry;
  let released = false;
  return {
    client: held.client,
    async release() {
      if (released) return;
      released = true;
      held.leases -= 1;
      if (held.leases > 0) return;
      if (clients.get(connectionString) === held) clients.delete(connectionString);
      await held.client.dispose();
    },
  };
}
