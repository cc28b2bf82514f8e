/** A success carrying its value. */
export type Ok<T> = { readonly ok: true; readonly value: T };
/** A refusal or failure carried as a value, not thrown. */
export type Err<E> = { readonly ok: false; readonly error: E };
/** What the domain answers instead of throwing: `ok` tells which side it is. */
export type Result<T, E> = Ok<T> | Err<E>;

/** Wraps a success. */
export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
/** Wraps a refusal. */
export const err = <E>(error: E): Err<E> => ({ ok: false, error });
