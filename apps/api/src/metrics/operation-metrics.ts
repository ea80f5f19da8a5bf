import type { ApolloServerPlugin } from '@apollo/server';

/** Counts GraphQL operations by type and outcome (the first error code, or OK). */
export class OperationMetrics {
  private readonly counts = new Map<string, number>();

  record(operation: string, outcome: string): void {
    const key = `${operation}|${outcome}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  entries(): Array<{ operation: string; outcome: string; count: number }> {
    return [...this.counts].map(([key, count]) => {
      const [operation, outcome] = key.split('|') as [string, string];
      return { operation, outcome, count };
    });
  }

  plugin(): ApolloServerPlugin {
    return {
      requestDidStart: async () => ({
        willSendResponse: async ({ operation, response }) => {
          const body = response.body;
          const errors = body.kind === 'single' ? body.singleResult.errors : undefined;
          const code = errors?.[0]?.extensions?.['code'];
          this.record(operation?.operation ?? 'unknown', typeof code === 'string' ? code : 'OK');
        },
      }),
    };
  }
}
