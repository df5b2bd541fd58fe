// Validation of untrusted case bundles: size, JSON syntax, hostile shapes, then the schema.
// Every problem is reported with its path; nothing is accepted half-way.
import type { z } from 'zod';
import { type CaseBundle, caseBundleSchema } from './schema.ts';

export type Problem = { path: string; message: string };

export type BundleValidation = { ok: true; bundle: CaseBundle } | { ok: false; problems: Problem[] };

export const DEFAULT_MAX_BUNDLE_BYTES = 10 * 1024 * 1024;
export const MAX_JSON_DEPTH = 32;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_PROBLEMS = 200;

/** `subject.claimedLocation.country`, `employment[0].start`; `(root)` for the document itself. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(root)' : out;
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string')
    return `a string (${JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)})`;
  if (typeof value === 'number') return `a number (${value})`;
  if (typeof value === 'boolean') return `a boolean (${value})`;
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

function article(expected: string): string {
  if (expected === 'array' || expected === 'object') return `an ${expected}`;
  return `a ${expected}`;
}

function issueToProblem(issue: z.core.$ZodIssue): Problem {
  const path = formatPath(issue.path);
  if (issue.code === 'invalid_type') {
    if (issue.input === undefined) return { path, message: 'missing (required)' };
    return { path, message: `${describeType(issue.input)}; expected ${article(issue.expected)}` };
  }
  if (issue.code === 'unrecognized_keys')
    return { path, message: `unexpected keys: ${issue.keys.join(', ')}` };
  return { path, message: issue.message };
}

/** Structural checks zod cannot make: prototype-pollution keys and excessive nesting. */
export function findHostileShapes(value: unknown): Problem[] {
  const problems: Problem[] = [];
  const stack: { node: unknown; path: PropertyKey[] }[] = [{ node: value, path: [] }];
  while (stack.length > 0 && problems.length < MAX_PROBLEMS) {
    const { node, path } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (path.length > MAX_JSON_DEPTH) {
      problems.push({ path: formatPath(path), message: `nested deeper than ${MAX_JSON_DEPTH} levels` });
      continue;
    }
    if (Array.isArray(node)) {
      node.forEach((child, i) => {
        stack.push({ node: child, path: [...path, i] });
      });
      continue;
    }
    for (const key of Object.keys(node)) {
      if (FORBIDDEN_KEYS.has(key)) {
        problems.push({ path: formatPath([...path, key]), message: `the key "${key}" is not allowed` });
        continue;
      }
      stack.push({ node: (node as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return problems.sort((a, b) => a.path.localeCompare(b.path));
}

/** Validates an already-parsed value as a case bundle. */
export function validateBundle(value: unknown): BundleValidation {
  const hostile = findHostileShapes(value);
  if (hostile.length > 0) return { ok: false, problems: hostile };
  const result = caseBundleSchema.safeParse(value, { reportInput: true });
  if (result.success) return { ok: true, bundle: result.data };
  return { ok: false, problems: result.error.issues.slice(0, MAX_PROBLEMS).map(issueToProblem) };
}

/** Parses and validates bundle JSON text from an untrusted source. */
export function parseBundleText(text: string, options: { maxBytes?: number } = {}): BundleValidation {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BUNDLE_BYTES;
  // A UTF-8 byte count without a Buffer: a string of n UTF-16 units is at most 3n bytes.
  const bytes = text.length * 3 <= maxBytes ? text.length : new TextEncoder().encode(text).length;
  if (bytes > maxBytes) {
    return {
      ok: false,
      problems: [{ path: '(root)', message: `the bundle is ${bytes} bytes; the limit is ${maxBytes} bytes` }],
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [{ path: '(root)', message: `not valid JSON: ${detail}` }] };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      ok: false,
      problems: [{ path: '(root)', message: `${describeType(value)}; expected a case-bundle object` }],
    };
  }
  return validateBundle(value);
}
