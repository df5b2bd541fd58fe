import { sql } from 'kysely';
import type { AppContext } from './context.ts';

/** For GET /health: can the database answer? */
export async function checkHealth(
  app: AppContext,
): Promise<{ ok: boolean; database: 'sqlite' | 'postgres' }> {
  try {
    await sql`select 1`.execute(app.database.db);
    return { ok: true, database: app.database.dialect };
  } catch {
    return { ok: false, database: app.database.dialect };
  }
}
