/**
 * A Web API argument (blocks, a view, metadata) JSON-encoded here, as the Web API client would
 * encode it into the form post anyway: the request Slack gets is the same. Given an object, the
 * client also walks every nested key to build a redacted copy for a debug line it formats even
 * when debug logging is off, which cost more CPU than the rest of the call. The declared type
 * stays the argument's, which is what the client's types ask for.
 */
export const preEncoded = <T>(value: T): T => JSON.stringify(value) as unknown as T;
