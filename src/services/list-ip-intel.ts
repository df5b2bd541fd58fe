// What the IP intelligence is made of: the shipped databases (licence, attribution, build date) and the
// imported range lists (for the settings and About pages, `GET /intel/ip` and `gatecheck intel ip list`).
import { listIpLists } from '../adapters/db/repositories/ip-lists.repository.ts';
import { type IpSource, ipDatabases } from '../intel/ip/sources.ts';
import { type Actor, type AppContext, authorize } from './context.ts';

export type IpListView = {
  name: string;
  kind: string;
  provider: string | null;
  label: string | null;
  entries: number;
  importedAt: string;
  importedBy: string;
};

export async function listIpIntel(
  app: AppContext,
  actor: Actor,
): Promise<{ databases: IpSource[]; lists: IpListView[] }> {
  authorize(actor, 'subjects:read');
  const rows = await listIpLists(app.database.db);
  return {
    databases: app.ip ? app.ip.sources() : ipDatabases(),
    lists: rows.map((r) => ({
      name: r.name,
      kind: r.kind,
      provider: r.provider,
      label: r.label,
      entries: r.entries,
      importedAt: r.importedAt,
      importedBy: r.importedBy.name,
    })),
  };
}
