import type { UserRecord } from '../../adapters/db/records.ts';
import type { Role } from '../../core/auth/roles.ts';
import { isRole, ROLES } from '../../core/auth/roles.ts';
import { DomainError, type ProblemDetail } from '../../core/errors.ts';
import type { Actor } from '../context.ts';

export type UserView = { id: string; email: string; name: string; role: Role };
export type UserAdminView = UserView & { disabled: boolean; createdAt: string; updatedAt: string };

export function toUserView(user: UserRecord): UserView {
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

export function toUserAdminView(user: UserRecord): UserAdminView {
  return {
    ...toUserView(user),
    disabled: user.disabled,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}

export function userActor(user: UserRecord): Actor {
  return { kind: 'user', id: user.id, name: user.name, role: user.role };
}

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1024;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkEmail(email: unknown, problems: ProblemDetail[]): void {
  if (typeof email !== 'string' || !EMAIL.test(email.trim()) || email.length > 320) {
    problems.push({ path: 'email', message: 'expected an email address' });
  }
}

export function checkName(name: unknown, problems: ProblemDetail[]): void {
  if (typeof name !== 'string' || name.trim() === '' || name.length > 200) {
    problems.push({ path: 'name', message: 'expected a name (1-200 characters)' });
  }
}

export function checkPassword(password: unknown, problems: ProblemDetail[]): void {
  if (typeof password !== 'string' || password.length < MIN_PASSWORD_LENGTH) {
    problems.push({ path: 'password', message: `must be at least ${MIN_PASSWORD_LENGTH} characters` });
  } else if (password.length > MAX_PASSWORD_LENGTH) {
    problems.push({ path: 'password', message: `must be at most ${MAX_PASSWORD_LENGTH} characters` });
  }
}

export function checkRole(role: unknown, problems: ProblemDetail[]): void {
  if (typeof role !== 'string' || !isRole(role)) {
    problems.push({ path: 'role', message: `expected one of ${ROLES.join(', ')}` });
  }
}

export function throwIfProblems(problems: ProblemDetail[], message: string): void {
  if (problems.length > 0) throw new DomainError('validation', message, problems);
}
