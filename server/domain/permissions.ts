/** Who may do what: the role and department rules, in one place. */

export const ROLES = ['dispatcher', 'crew', 'planner', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface StaffUser {
  id: number;
  email: string;
  role: Role;
  departmentId: number | null;
  departmentCode: string | null;
  /** Whether the user's department is the contact centre, which triages for everyone. */
  departmentIsFallback: boolean;
}

/** Whether `user` may see staff-only data of a report owned by `departmentId`. */
export function canReadReport(user: StaffUser, departmentId: number): boolean {
  if (user.role === 'admin' || user.role === 'planner') return true;
  return canActOnReport(user, departmentId);
}

/**
 * Whether `user` may change a report owned by `departmentId`: admins anything; dispatchers their
 * department's reports (contact-centre dispatchers every report, since they triage); crews their
 * department's; planners nothing (they analyse, they do not act).
 */
export function canActOnReport(user: StaffUser, departmentId: number): boolean {
  switch (user.role) {
    case 'admin':
      return true;
    case 'dispatcher':
      return user.departmentIsFallback || user.departmentId === departmentId;
    case 'crew':
      return user.departmentId === departmentId;
    case 'planner':
      return false;
  }
}

/** Statuses a crew may set: the field work itself. Rejecting and reopening are dispatchers' calls. */
export const CREW_STATUSES = ['acknowledged', 'in_progress', 'resolved', 'closed_not_fixed'] as const;
const OPEN: readonly string[] = ['new', 'acknowledged', 'in_progress'];

/** Whether `user` may move a report of `departmentId` from `from` to `to` (the lifecycle table still applies). */
export function canSetStatus(user: StaffUser, departmentId: number, from: string, to: string): boolean {
  if (!canActOnReport(user, departmentId)) return false;
  if (user.role === 'crew') return OPEN.includes(from) && (CREW_STATUSES as readonly string[]).includes(to);
  return true;
}

/** Whether `user` triages: reassigns, merges, moderates (dispatchers and admins). */
export function canTriage(user: StaffUser, departmentId: number): boolean {
  return (user.role === 'dispatcher' || user.role === 'admin') && canActOnReport(user, departmentId);
}

/** Whether `user` may see personal data (reporters' e-mail and phone) in exports. */
export function canSeePersonalData(user: StaffUser): boolean {
  return user.role === 'admin';
}
