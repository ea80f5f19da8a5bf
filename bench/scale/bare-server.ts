/**
 * The simplest thing that serves the same bytes: a bare `node:http` server answering every
 * request, once its body has arrived, with the file named on the command line. Prints
 * `listening <port>` once ready. The baseline of the read rows of the scale benchmark.
 *
 *   node bare-server.js <answer.json>
 */
import fs from 'node:fs';
import http from 'node:http';

const answer = fs.readFileSync(process.argv[2]!);
const server = http.createServer((request, response) => {
  request.on('data', () => undefined);
  request.on('end', () => {
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': answer.length });
    response.end(answer);
  });
});
server.keepAliveTimeout = 5000;
server.listen(0, '127.0.0.1', () => {
  console.log(`listening ${(server.address() as { port: number }).port}`);
});
