/**
 * A pattern that matches any id except `known`, for the listener that answers ids this app does
 * not know. Bolt runs every listener whose constraints match, not only the first, so a catch-all
 * `/.*\/` would also run beside each known id's own listener (acking twice); Bolt takes a RegExp
 * wherever it takes an id (https://docs.slack.dev/tools/bolt-js/concepts/actions/). Ids that
 * start with one of `knownPrefixes` are known too.
 */
export const anyIdExcept = (known: readonly string[], knownPrefixes: readonly string[] = []): RegExp => {
  const prefixes = knownPrefixes.length > 0 ? `(?!(?:${knownPrefixes.map(escapeId).join('|')}))` : '';
  return new RegExp(`^(?!(?:${known.map(escapeId).join('|')})$)${prefixes}`);
};

const escapeId = (id: string): string => id.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Matches the ids that start with `prefix` (a Home row's `kind:list:ticket`, see homeActionId). */
export const idsStartingWith = (prefix: string): RegExp => new RegExp(`^${escapeId(prefix)}`);
