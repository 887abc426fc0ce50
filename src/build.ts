/**
 * `npm run build`: builds the site and replaces the output folder only when the whole build succeeded.
 * A failed build leaves the published `_site/` exactly as it was, and pages of articles that were
 * removed or re-embargoed are gone after the next good build. (`_site.spare/` beside it holds the
 * previous build, which the next build writes over.)
 *
 * Options (as Eleventy's): --input=DIR (default .), --output=DIR (default _site), --config=FILE,
 * --verbose (list every file written).
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { buildAndPublish } from "./site-output.ts";
import { lastBuild } from "./summary.ts";

const { values } = parseArgs({
  options: {
    input: { type: "string", default: "." },
    output: { type: "string", default: "_site" },
    config: { type: "string", default: "eleventy.config.ts" },
    quiet: { type: "boolean", default: true },
    verbose: { type: "boolean", default: false },
  },
});

try {
  await buildAndPublish(path.resolve(values.output), { input: values.input, config: values.config, quiet: !values.verbose });
  if (lastBuild.summary) console.log(lastBuild.summary);
} catch {
  console.error(`[dateline] build failed: nothing was published, ${values.output} is unchanged.`);
  process.exit(1);
}
