/**
 * `npm run build`: builds the site and replaces the output folder only when the whole build succeeded.
 * A failed build leaves the published `_site/` exactly as it was (a search index that could not be
 * written after the site was published is a warning: see src/publish/search.ts), and pages of articles that were
 * removed or re-embargoed are gone after the next good build. (`_site.spare/` beside it holds the
 * previous build, which the next build writes over.)
 *
 * Options (as Eleventy's): --input=DIR (default .), --output=DIR (default _site), --config=FILE
 * (default: the site's eleventy.config.ts, else the generator's), --verbose (list every file
 * written); --wait=SECONDS, how long to wait for another build publishing the same folder (default
 * 1800).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { buildAndPublish, OutputRefusedError, RenderError } from "../publish/output.ts";
import { commandOptions, enterSite, rootCause, siteOptions } from "./site-options.ts";

const values = commandOptions("build", {
  input: { type: "string", default: "." },
  output: { type: "string", default: "_site" },
  config: { type: "string" },
  verbose: { type: "boolean", default: false },
  wait: { type: "string", default: "1800" },
});

const output = path.resolve(values.output);
const waitSeconds = Number(values.wait);
if (!(waitSeconds >= 0)) {
  console.error(`[dateline] build failed: --wait=${values.wait} must be a number of seconds`);
  process.exit(2);
}
const site = siteOptions(values);
enterSite(site.input);
try {
  await buildAndPublish(output, {
    ...site,
    quiet: !values.verbose,
    waitSeconds,
    onPublished: (session) => session.summary && console.log(session.summary),
    report: (line) => console.log(`[dateline] ${line}`),
  });
} catch (error) {
  if (error instanceof RenderError) {
    // Content problems are Eleventy's to print, as file: field: message lines; any other cause is printed here.
    const cause = rootCause(error);
    if (cause.name !== "ContentValidationError") console.error(`[dateline] build failed: ${cause.message}`);
    console.error(`[dateline] build failed: nothing was published; ${values.output} is unchanged.`);
  } else if (error instanceof OutputRefusedError) {
    console.error(`[dateline] build failed: ${error.message}`);
  } else {
    const cause = error instanceof Error ? error.message : String(error);
    const published = existsSync(output) ? `${values.output} holds the last good build` : `nothing is published at ${values.output} yet`;
    console.error(`[dateline] build failed: ${cause}\n[dateline] ${published}.`);
  }
  process.exit(1);
}

