/**
 * A pattern that matches any id except `known`, for the listener that answers ids this app does
 * not know. Bolt runs every listener whose constraints match, not only the first, so a catch-all
 * `/.*\/` would also run beside each known id's own listener (acking twice); Bolt takes a RegExp
 * wherever it takes an id (https://docs.slack.dev/tools/bolt-js/concepts/actions/).
 */
export const anyIdExcept = (known: readonly string[]): RegExp => new RegExp(`^(?!(?:${known.map((id) => id.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$)`);
