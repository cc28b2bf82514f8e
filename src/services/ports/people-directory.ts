/**
 * Who in the workspace goes by a name: the search service asks it which people a word of a search
 * names (`karen`, `doe`), to find their tickets as requester or assignee. The Slack layer
 * implements it from the workspace's member list (SlackPeopleDirectory).
 */
export interface PeopleDirectory {
  /**
   * For each of `words` (lowercased letters, marks and digits, as readSearchText gives them), the
   * ids of the people one of whose names (real name, display name, handle) is or holds that word;
   * a word naming nobody is left out. Never throws: a directory that cannot be read answers nobody.
   */
  peopleNamed(words: readonly string[]): Promise<ReadonlyMap<string, readonly string[]>>;
}
