/**
 * The one place Dateline relies on what Eleventy does not document on 11ty.dev (both are in its
 * source's type notes). test/eleventy-internals.test.ts fails if an Eleventy upgrade drops either.
 */

/**
 * Eleventy's error handler prints an error's stack trace unless the error carries
 * `skipOriginalStack`; for content problems the message already names every file and field, and a
 * stack trace would only bury it.
 */
export function quietStack<E extends Error>(error: E): E {
  Object.defineProperty(error, "skipOriginalStack", { value: true });
  return error;
}

/**
 * Marks a plugin as one per site: Eleventy keeps the first `addPlugin` of it and skips the rest. The
 * build command adds Dateline with its build session before the site's config adds it again.
 */
export function onePerSite<T extends object>(plugin: T): T {
  return Object.assign(plugin, { eleventyPluginOptions: { unique: true } });
}
