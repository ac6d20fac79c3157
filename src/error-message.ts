/** The message of anything thrown. Duck-typed: errors from another realm (vm contexts, jest) fail instanceof. */
export function errorMessage(error: unknown): string {
  if (
    error !== null &&
    typeof error === 'object' &&
    'message' in error &&
    typeof error.message === 'string'
  ) {
    return error.message;
  }
  return String(error);
}

export function asError(error: unknown): Error {
  if (error instanceof Error) return error;
  const wrapped = new Error(errorMessage(error));
  wrapped.cause = error;
  return wrapped;
}
