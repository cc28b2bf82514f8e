/** Who is acting on a ticket, and how they relate to the ticket's department. */
export interface Actor {
  readonly userId: string;
  readonly isRequester: boolean;
  readonly isAgent: boolean;
  readonly isManager: boolean;
}

/** The Slack user ids of a department's agents and managers (from `helpdesk.yml`). */
export interface DepartmentStaff {
  readonly agentIds: readonly string[];
  readonly managerIds: readonly string[];
}

/** Who `userId` is to a ticket filed by `requesterId` in a department staffed by `staff`. */
export const actorFor = (userId: string, requesterId: string, staff: DepartmentStaff): Actor => ({
  userId,
  isRequester: userId === requesterId,
  isAgent: staff.agentIds.includes(userId),
  isManager: staff.managerIds.includes(userId),
});

/** Whether the actor works the ticket's department (agent or manager). */
export const isStaff = (actor: Actor): boolean => actor.isAgent || actor.isManager;
