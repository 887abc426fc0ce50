/**
 * The one place Dateline relies on something Eleventy does not document. Eleventy's error handler
 * prints an error's stack trace unless the error carries `skipOriginalStack`; for content problems the
 * message already names every file and field, and a stack trace would only bury it. No public API
 * sets this. test/eleventy-internals.test.ts fails if an Eleventy upgrade stops honouring it.
 */
export function quietStack<E extends Error>(error: E): E {
  Object.defineProperty(error, "skipOriginalStack", { value: true });
  return error;
}
