import { signToken, loadConfig } from '#runtime';
import { UsageError, single, type ParsedArguments } from '../arguments.js';

const ROLES = ['ADMIN', 'AUDITOR'];

/** concord token --sub ID [--role ADMIN] [--role AUDITOR] [--ttl 1h] */
export async function tokenCommand(args: ParsedArguments): Promise<number> {
  const subject = single(args, 'sub');
  if (!subject) throw new UsageError('concord token needs --sub ID');
  const roles = (args.options.get('role') ?? []).map((role) => role.toUpperCase());
  const unknown = roles.filter((role) => !ROLES.includes(role));
  if (unknown.length) throw new UsageError(`unknown role ${unknown.join(', ')}; roles are ${ROLES.join(', ')}`);
  const ttl = single(args, 'ttl') ?? '1h';
  if (!/^\d+\s*(s|sec|secs|m|min|mins|h|hr|hrs|hour|hours|d|day|days|w|week|weeks)$/.test(ttl)) {
    throw new UsageError(`--ttl ${ttl} is not a duration such as 30m, 1h or 7d`);
  }
  process.stdout.write(`${await signToken(loadConfig(), { subject, roles, ttl })}\n`);
  return 0;
}
