import { signToken, loadConfig } from '#runtime';
import { UsageError, single, type ParsedArguments } from '../arguments.js';

const ROLES = ['ADMIN', 'AUDITOR'];
/** By the first letter of the unit: seconds, minutes, hours, days, weeks. */
const SECONDS_PER: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/** concord token --sub ID [--role ADMIN] [--role AUDITOR] [--ttl 1h] */
export async function tokenCommand(args: ParsedArguments): Promise<number> {
  const subject = single(args, 'sub');
  if (!subject) throw new UsageError('concord token needs --sub ID');
  const roles = (args.options.get('role') ?? []).map((role) => role.toUpperCase());
  const unknown = roles.filter((role) => !ROLES.includes(role));
  if (unknown.length) throw new UsageError(`unknown role ${unknown.join(', ')}; roles are ${ROLES.join(', ')}`);
  const ttl = single(args, 'ttl') ?? '1h';
  const match = /^(\d+)\s*(s|sec|secs|m|min|mins|h|hr|hrs|hour|hours|d|day|days|w|week|weeks)$/.exec(ttl);
  if (!match) throw new UsageError(`--ttl ${ttl} is not a duration such as 30m, 1h or 7d`);
  const config = loadConfig();
  // The API refuses a token that lives longer than CONCORD_JWT_MAX_LIFETIME_SECONDS: say so now.
  const seconds = Number(match[1]) * SECONDS_PER[match[2]![0]!]!;
  if (seconds > config.jwtMaxLifetimeSeconds) {
    throw new UsageError(`--ttl ${ttl} is longer than the ${config.jwtMaxLifetimeSeconds} seconds the API accepts (CONCORD_JWT_MAX_LIFETIME_SECONDS)`);
  }
  process.stdout.write(`${await signToken(config, { subject, roles, ttl })}\n`);
  return 0;
}
