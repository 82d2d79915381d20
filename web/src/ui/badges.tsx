import { Badge } from '@mantine/core';
import type { Role } from '../api/types.ts';

const ROLE_COLOR: Record<Role, string> = {
  admin: 'red', manager: 'violet', engineer: 'blue', customer: 'teal',
};

export function RoleBadge({ role }: { role: Role }) {
  return (
    <Badge color={ROLE_COLOR[role] ?? 'gray'} variant="filled" size="md" data-testid="role-badge">
      {role}
    </Badge>
  );
}
