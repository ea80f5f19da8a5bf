#!/usr/bin/env node
// Verifies an export of the Concord log against a signed checkpoint, offline, with nothing but
// Node's standard library, so that an auditor can read all of it:
//
//   node verify-offline.mjs --log log.jsonl --checkpoint checkpoint.json --public-key concord-audit.pub.pem
//
// It rebuilds the RFC 9162 Merkle tree from the export (leaf = SHA-256(0x00 ‖ canonical JSON of
// the line), node = SHA-256(0x01 ‖ left ‖ right)), checks the checkpoint's Ed25519 signature and
// that the export's first treeSize events have exactly its root. The checkpoints recorded in the
// log (streams audit-checkpoint-<k>) list the leaf hashes since the one before; those signed by
// the key vouch leaf by leaf for what was signed, which names the first bad leaf.
// Exit code: 0 valid, 1 invalid, 2 usage.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const sha256 = (...parts) => createHash('sha256').update(Buffer.concat(parts)).digest();
const leafHash = (bytes) => sha256(Buffer.from([0]), Buffer.from(bytes));
const nodeHash = (left, right) => sha256(Buffer.from([1]), left, right);

// RFC 8785 for what JSON.parse gives: keys sorted by UTF-16 code units, no whitespace,
// numbers and strings as ECMAScript serializes them.
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

// A tree kept as its frontier: the roots of the perfect subtrees, left to right, whose sizes
// are the binary digits of the number of leaves. Folding them right to left gives RFC 9162's MTH.
class Frontier {
  size = 0;
  stack = [];
  append(hash) {
    this.size += 1;
    let node = { size: 1, hash };
    while (this.stack.length && this.stack.at(-1).size === node.size) {
      const left = this.stack.pop();
      node = { size: left.size * 2, hash: nodeHash(left.hash, node.hash) };
    }
    this.stack.push(node);
  }
  root() {
    if (this.stack.length === 0) return sha256();
    return this.stack.slice(0, -1).reduceRight((right, left) => nodeHash(left.hash, right), this.stack.at(-1).hash);
  }
}

function args(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!['--log', '--checkpoint', '--public-key'].includes(argv[i]) || argv[i + 1] === undefined) return undefined;
    options[argv[i].slice(2)] = argv[i + 1];
  }
  return options.log && options.checkpoint && options['public-key'] ? options : undefined;
}

const signed = (c) => Buffer.from(canonical({ logId: c.logId, treeSize: c.treeSize, rootHash: c.rootHash, issuedAt: c.issuedAt }));
const signatureValid = (c, key) => {
  try {
    return verify(null, signed(c), key, Buffer.from(String(c.signature), 'base64'));
  } catch {
    return false;
  }
};

async function main() {
  const options = args(process.argv.slice(2));
  if (!options) {
    console.error('usage: node verify-offline.mjs --log log.jsonl --checkpoint checkpoint.json --public-key key.pem');
    return 2;
  }
  const checkpoint = JSON.parse(readFileSync(options.checkpoint, 'utf8'));
  const key = createPublicKey(readFileSync(options['public-key'], 'utf8'));
  const logId = createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('hex');

  const rebuilt = new Frontier();
  const leaves = []; // the hex leaf hash of every event, in order
  const lineOf = []; // the line each leaf was read from
  const vouched = new Frontier();
  const vouchedLeaves = [];
  const problems = [];
  let rootAtCheckpoint = checkpoint.treeSize === 0 ? rebuilt.root() : undefined;
  let recorded = 0;

  const lines = createInterface({ input: createReadStream(options.log, 'utf8'), crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (!line.trim()) continue;
    const record = JSON.parse(line);
    const hash = leafHash(canonical(record));
    rebuilt.append(hash);
    leaves.push(hash.toString('hex'));
    lineOf.push(lineNumber);
    if (rebuilt.size === checkpoint.treeSize) rootAtCheckpoint = rebuilt.root();

    // A checkpoint recorded in the log: vouches for its leaves if signed by the key and they give its root.
    const data = record.data;
    if (record.type !== 'AuditCheckpointIssued' || !String(record.streamId).startsWith('audit-checkpoint-')) continue;
    if (data.logId !== logId || !signatureValid(data, key)) continue;
    recorded += 1;
    if (data.fromSize !== vouched.size || data.leafHashes.length !== data.treeSize - data.fromSize) {
      problems.push(`checkpoint ${data.sequence} (line ${lineNumber}) does not follow on from the checkpoint before it`);
      continue;
    }
    const candidate = new Frontier();
    Object.assign(candidate, { size: vouched.size, stack: [...vouched.stack] });
    for (const leaf of data.leafHashes) candidate.append(Buffer.from(leaf, 'hex'));
    if (candidate.root().toString('hex') !== data.rootHash) {
      problems.push(`checkpoint ${data.sequence} (line ${lineNumber}) lists leaves that do not give its signed root`);
      continue;
    }
    Object.assign(vouched, candidate);
    for (const leaf of data.leafHashes) vouchedLeaves.push(leaf);
  }

  // The first leaf that is not what a signed checkpoint vouches for.
  let bad;
  for (let i = 0; i < vouchedLeaves.length && !bad; i += 1) {
    if (i >= leaves.length) bad = { leaf: i, reason: `the log ends here, but signed checkpoints vouch for ${vouchedLeaves.length} events: events were removed` };
    else if (leaves[i] !== vouchedLeaves[i]) {
      bad = {
        leaf: i,
        reason: leaves[i] === vouchedLeaves[i + 1] ? 'the event signed as this leaf was removed: this one followed it' : 'this is not the event signed as this leaf',
      };
    }
  }
  const signatureOk = checkpoint.logId === logId && signatureValid(checkpoint, key);
  const rootOk = rootAtCheckpoint !== undefined && rootAtCheckpoint.toString('hex') === checkpoint.rootHash;
  if (!bad && !rootOk) {
    const leaf = Math.min(vouched.size, leaves.length);
    bad = {
      leaf,
      reason:
        leaves.length < checkpoint.treeSize && leaf === leaves.length
          ? `the log ends here, but the checkpoint covers ${checkpoint.treeSize} events: events were removed`
          : `the first ${checkpoint.treeSize} events do not have the checkpoint's root; no signed checkpoint in the log vouches for this leaf or after`,
    };
  }

  console.log(`checkpoint: ${checkpoint.treeSize} events, root ${checkpoint.rootHash}; signature ${signatureOk ? 'valid' : 'INVALID (or another log\'s key)'}`);
  for (const problem of problems) console.log(`recorded checkpoint: ${problem}`);
  if (signatureOk && rootOk && !bad && problems.length === 0) {
    console.log(`valid: the export's ${leaves.length} events extend the checkpoint; ${recorded} checkpoints recorded in the log agree`);
    return 0;
  }
  if (bad) {
    const line = lineOf[bad.leaf];
    const found = line && JSON.parse(await lineAt(options.log, line));
    const where = found
      ? `position ${found.position}, stream ${found.streamId}, revision ${found.revision} (event ${found.id}, line ${line}), type ${found.type}`
      : 'past the end of the export';
    console.log(`INVALID: first bad leaf ${bad.leaf}: ${where}`);
    console.log(`reason: ${bad.reason}`);
  } else {
    console.log('INVALID: the checkpoint is not signed by this key');
  }
  return 1;
}

async function lineAt(file, wanted) {
  let number = 0;
  for await (const line of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    number += 1;
    if (number === wanted) return line;
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`verify-offline: ${error.message}`);
    process.exit(2);
  },
);
