import { loadSigningKey } from '#audit';
import { loadConfig } from '#runtime';
import type { CliCommand } from '../cli-command.js';
import { noPositionals, noUnknownOptions } from './audit-options.js';

/** concord audit public-key > concord-audit.pub.pem: the key that verifies checkpoints, PEM. */
export const auditPublicKeyCommand: CliCommand = {
  name: 'audit public-key',
  usage: 'concord audit public-key > concord-audit.pub.pem',
  async run(args) {
    noPositionals(args, 'audit public-key');
    noUnknownOptions(args, 'audit public-key', []);
    process.stdout.write(loadSigningKey(loadConfig().audit.signingKey).publicKeyPem);
    return 0;
  },
};
