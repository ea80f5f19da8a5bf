import type { AuditFilter } from '../domain/audit-filter.js';
import { exportedEventOf } from '../domain/exported-event.js';
import type { EventLog } from '../read-model/event-log.js';

/**
 * `concord audit export`: one JSON line per matching event, in global order, up to the head
 * as it was when the export began. `write` may wait (back-pressure of a slow pipe).
 */
export async function exportEvents(
  log: EventLog,
  filter: AuditFilter,
  write: (line: string) => void | Promise<void>,
  onEvent?: () => void,
): Promise<number> {
  let exported = 0;
  for await (const event of log.scan(filter)) {
    await write(`${JSON.stringify(exportedEventOf(event))}\n`);
    exported += 1;
    onEvent?.();
  }
  return exported;
}
