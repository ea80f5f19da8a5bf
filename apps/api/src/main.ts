import 'reflect-metadata';
import { createApp } from './app.js';
import { loadConfig } from '#runtime';

const config = loadConfig();
const app = await createApp(config);
await app.listen(config.port);
console.log(`Concord API on http://localhost:${config.port}/graphql (data in ${config.dataDir}, ${config.eventStore} event store)`);
