/** Who is acting on a ticket, and how they relate to the ticket's department. */
export interface Actor {
  readonly userId: string;
  readonly isRequester: boolean;
  readonly isAgent: boolean;
  readonly isManager: boolean;
  /** Follows the ticket besides its requester (osTicket's collaborator): hears what the requester hears and may write to it. */
  readonly isWatcher?: boolean;
}

export interface DepartmentStaff {
  readonly agentIds: readonly string[];
  readonly managerIds: readonly string[];
}

export const actorFor = (userId: string, requesterId: string, staff: DepartmentStaff, watcherIds: readonly string[] = []): Actor => ({
  userId,
  isRequester: userId === requesterId,
  isAgent: staff.agentIds.includes(userId),
  isManager: staff.managerIds.includes(userId),
  ...(watcherIds.includes(userId) ? { isWatcher: true } : {}),
});

export const isStaff = (actor: Actor): boolean => actor.isAgent || actor.isManager;
