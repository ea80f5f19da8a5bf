import { loadSigningKey } from '#audit';
import { loadConfig } from '#runtime';
import type { CliCommand } from '../cli-command.js';

/** concord audit public-key > concord-audit.pub.pem: the key that verifies checkpoints, PEM. */
export const auditPublicKeyCommand: CliCommand = {
  name: 'audit public-key',
  usage: 'concord audit public-key > concord-audit.pub.pem',
  options: [],
  async run() {
    process.stdout.write(loadSigningKey(loadConfig().audit.signingKey).publicKeyPem);
    return 0;
  },
};
