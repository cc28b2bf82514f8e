/** Who is acting on a ticket, and how they relate to the ticket's department. */
export interface Actor {
  readonly userId: string;
  readonly isRequester: boolean;
  readonly isAgent: boolean;
  readonly isManager: boolean;
}

export interface DepartmentStaff {
  readonly agentIds: readonly string[];
  readonly managerIds: readonly string[];
}

export const actorFor = (userId: string, requesterId: string, staff: DepartmentStaff): Actor => ({
  userId,
  isRequester: userId === requesterId,
  isAgent: staff.agentIds.includes(userId),
  isManager: staff.managerIds.includes(userId),
});

export const isStaff = (actor: Actor): boolean => actor.isAgent || actor.isManager;
