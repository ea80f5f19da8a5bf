import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { servedSchema } from './schema-printer.js';

// `npm run schema`: writes the served SDL to schema.graphql at the repository root.
writeFileSync('schema.graphql', await servedSchema());
console.log('schema.graphql written');
