// The dialect matrix: every store and service test runs against SQLite and PostgreSQL, each on its own
// throw-away database (other suites run at the same time, so nothing is ever shared).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createDatabase, type Database, type Dialect, migrateToLatest } from '../src/adapters/db/database.ts';

export const dialects: readonly Dialect[] = ['sqlite', 'postgres'];

/** Admin connection for creating test databases; override with GATECHECK_TEST_PG_URL. */
export const TEST_PG_ADMIN_URL =
  process.env.GATECHECK_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type TestDatabase = Database & {
  /** Options to open the same database again (a second process, pg-boss, …). */
  options: { url?: string; dataDir: string };
  /** Closes and deletes the database. */
  destroy(): Promise<void>;
};

function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Creates an isolated, migrated database of the given dialect. */
export async function createTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gc-test-'));
    const database = createDatabase({ dataDir });
    await migrateToLatest(database.db);
    return {
      ...database,
      options: { dataDir },
      async destroy() {
        await database.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const name = `gc_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = withDatabaseName(TEST_PG_ADMIN_URL, name);
  // Stored files and the storage key live beside the database: a folder of its own, like SQLite's, so test files
  // running at the same time never share a key or sweep each other's files.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gc-test-pg-'));
  const database = createDatabase({ url, dataDir, poolSize: 4 });
  await migrateToLatest(database.db);
  return {
    ...database,
    options: { url, dataDir },
    async destroy() {
      await database.close();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
