import type { CaseBundle } from '../../core/bundle/schema.ts';
import { validateBundle } from '../../core/bundle/validate.ts';
import { DomainError } from '../../core/errors.ts';

export function requireValidBundle(value: unknown): CaseBundle {
  const result = validateBundle(value);
  if (!result.ok) {
    throw new DomainError('validation', 'The case bundle is not valid; nothing was stored', result.problems);
  }
  return result.bundle;
}
