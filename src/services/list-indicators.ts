// The imported threat indicators, a page at a time (optionally one kind or one import), with the imports.
import {
  type IndicatorImportRecord,
  listIndicatorImports,
  pageIndicators,
  type ThreatIndicatorRecord,
} from '../adapters/db/repositories/threat-indicators.repository.ts';
import { DomainError } from '../core/errors.ts';
import { isIndicatorKind } from '../core/intel/indicators.ts';
import { type Actor, type AppContext, authorize } from './context.ts';

export type ListIndicatorsInput = { kind?: string; importId?: string; limit?: number; offset?: number };

export type IndicatorPage = {
  items: ThreatIndicatorRecord[];
  total: number;
  limit: number;
  offset: number;
  imports: IndicatorImportRecord[];
};

export const MAX_INDICATOR_PAGE = 500;

export async function listIndicators(
  app: AppContext,
  actor: Actor,
  input: ListIndicatorsInput = {},
): Promise<IndicatorPage> {
  authorize(actor, 'subjects:read');
  if (input.kind !== undefined && !isIndicatorKind(input.kind))
    throw new DomainError('validation', 'kind must be email, phone, wallet, domain, github, ip or url', [
      { path: 'kind', message: 'email, phone, wallet, domain, github, ip or url' },
    ]);
  const limit = Math.min(Math.max(1, Math.trunc(input.limit ?? 100)), MAX_INDICATOR_PAGE);
  const offset = Math.max(0, Math.trunc(input.offset ?? 0));
  const db = app.database.db;
  const [page, imports] = await Promise.all([
    pageIndicators(db, {
      ...(input.kind ? { kind: input.kind } : {}),
      ...(input.importId ? { importId: input.importId } : {}),
      limit,
      offset,
    }),
    listIndicatorImports(db),
  ]);
  return { ...page, limit, offset, imports };
}
