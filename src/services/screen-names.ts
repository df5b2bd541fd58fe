// Screens one name (or many) against the active sanctions lists: the ad-hoc check behind POST /screen and
// `gatecheck screen`. Read-only, so nothing is stored or audited.
import { DomainError } from '../core/errors.ts';
import type { ScreeningKind, ScreeningMatch, ScreeningQuery } from '../core/intel/sanctions.ts';
import { type Actor, type AppContext, authorize } from './context.ts';
import { requireSanctions } from './internal/sanctions.ts';

export type ScreenNameInput = {
  name: string;
  dob?: string | undefined;
  country?: string | undefined;
  kind?: ScreeningKind | undefined;
};
export type ScreenNameResult = {
  query: ScreenNameInput & { kind: ScreeningKind };
  matches: ScreeningMatch[];
};

const DOB = /^\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/;
const MAX_NAME = 300;
const MAX_BATCH = 10_000;

/** Checks one query; problems are reported with their paths (prefix for batches). */
function problemsOf(input: ScreenNameInput, prefix = ''): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (name === '') problems.push({ path: `${prefix}name`, message: 'a name is required' });
  else if (name.length > MAX_NAME)
    problems.push({ path: `${prefix}name`, message: `at most ${MAX_NAME} characters` });
  if (input.dob !== undefined && !DOB.test(input.dob))
    problems.push({ path: `${prefix}dob`, message: 'use YYYY, YYYY-MM or YYYY-MM-DD' });
  if (input.country !== undefined && !/^[A-Za-z]{2}$/.test(input.country))
    problems.push({ path: `${prefix}country`, message: 'use an ISO 3166-1 alpha-2 code such as KP' });
  if (input.kind !== undefined && input.kind !== 'individual' && input.kind !== 'entity')
    problems.push({ path: `${prefix}kind`, message: 'individual or entity' });
  return problems;
}

function toQuery(input: ScreenNameInput): { echo: ScreenNameResult['query']; query: ScreeningQuery } {
  const kind = input.kind ?? 'individual';
  const country = input.country?.toUpperCase();
  const echo = {
    name: input.name.trim(),
    kind,
    ...(input.dob ? { dob: input.dob } : {}),
    ...(country ? { country } : {}),
  };
  const query: ScreeningQuery = {
    name: echo.name,
    kind,
    ...(input.dob ? { dateOfBirth: input.dob } : {}),
    ...(country ? { nationalities: [country], countries: [country] } : {}),
  };
  return { echo, query };
}

export async function screenNames(
  app: AppContext,
  actor: Actor,
  input: ScreenNameInput,
  options: { limit?: number } = {},
): Promise<ScreenNameResult> {
  authorize(actor, 'subjects:read');
  const problems = problemsOf(input);
  if (problems.length > 0) throw new DomainError('validation', 'The screening query is not valid', problems);
  const lookup = await requireSanctions(app);
  const { echo, query } = toQuery(input);
  return { query: echo, matches: lookup.screen(query, { limit: options.limit ?? 10 }) };
}

/** Many names in one go (CSV screening); every query is validated before any is screened. */
export async function screenNameBatch(
  app: AppContext,
  actor: Actor,
  inputs: readonly ScreenNameInput[],
  onProgress?: (done: number, total: number) => void,
): Promise<ScreenNameResult[]> {
  authorize(actor, 'subjects:read');
  if (inputs.length > MAX_BATCH)
    throw new DomainError('validation', `At most ${MAX_BATCH} names at a time (got ${inputs.length})`);
  const problems = inputs.flatMap((input, i) => problemsOf(input, `[${i}].`));
  if (problems.length > 0)
    throw new DomainError('validation', 'Some screening queries are not valid', problems);
  const lookup = await requireSanctions(app);
  const out: ScreenNameResult[] = [];
  for (const [i, input] of inputs.entries()) {
    const { echo, query } = toQuery(input);
    out.push({ query: echo, matches: lookup.screen(query, { limit: 10 }) });
    onProgress?.(i + 1, inputs.length);
  }
  return out;
}
