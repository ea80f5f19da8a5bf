import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * A SQLite file only its owner may read: the events, the keys and the read models hold
 * personal data. The directory is created 0700 and the file 0600; SQLite creates its -wal and
 * -shm files with the database's own mode, and any left from before are narrowed too.
 */
export function openOwnerOnlyDatabase(file: string, options?: Database.Options): Database.Database {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  if (!existsSync(file) && !options?.readonly) closeSync(openSync(file, 'a', 0o600));
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    if (existsSync(path)) chmodSync(path, 0o600);
  }
  return new Database(file, options);
}
