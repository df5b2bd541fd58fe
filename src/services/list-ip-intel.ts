// What the IP intelligence is made of: the shipped databases (licence, attribution, build date) and the
// imported range lists (for the settings and About pages, `GET /intel/ip` and `gatecheck intel ip list`).
import { type IpListRecord, listIpLists } from '../adapters/db/repositories/ip-lists.repository.ts';
import { type IpSource, ipDatabases } from '../intel/ip/sources.ts';
import { type Actor, type AppContext, authorize } from './context.ts';

/** A stored list as the API and CLI show it: who imported it, by name. */
export type IpListView = Omit<IpListRecord, 'importedBy'> & { importedBy: string };

export function toIpListView(list: IpListRecord): IpListView {
  return { ...list, importedBy: list.importedBy.name };
}

export async function listIpIntel(
  app: AppContext,
  actor: Actor,
): Promise<{ databases: IpSource[]; lists: IpListView[] }> {
  authorize(actor, 'subjects:read');
  const rows = await listIpLists(app.database.db);
  return {
    databases: app.ip ? app.ip.sources() : ipDatabases(),
    lists: rows.map(toIpListView),
  };
}
