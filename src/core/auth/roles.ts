// Roles and what each may do. Checked by every service; the route × role test walks them all.

export type Role = 'admin' | 'investigator' | 'recruiter' | 'viewer';
export const ROLES: readonly Role[] = ['admin', 'investigator', 'recruiter', 'viewer'];

export type Permission =
  | 'subjects:read'
  | 'subjects:write'
  | 'cases:note'
  | 'cases:work'
  | 'audit:read'
  | 'export'
  | 'policy:write'
  | 'users:manage'
  | 'tokens:manage'
  | 'logins:import';

const GRANTS: Readonly<Record<Role, readonly Permission[]>> = {
  viewer: ['subjects:read'],
  recruiter: ['subjects:read', 'subjects:write', 'cases:note'],
  investigator: [
    'subjects:read',
    'subjects:write',
    'cases:note',
    'cases:work',
    'audit:read',
    'export',
    'logins:import',
  ],
  admin: [
    'subjects:read',
    'subjects:write',
    'cases:note',
    'cases:work',
    'audit:read',
    'export',
    'policy:write',
    'users:manage',
    'tokens:manage',
    'logins:import',
  ],
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}
