/**
 * `npm run build`: builds the site into a fresh folder beside the output and puts it in place only when
 * the whole build succeeded. A failed build leaves the published `_site/` exactly as it was, and pages
 * of articles that were removed or re-embargoed are gone after the next good build.
 *
 * Options (as Eleventy's): --input=DIR (default .), --output=DIR (default _site), --config=FILE, --quiet.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { buildInto, publish } from "./site-output.ts";

const { values } = parseArgs({
  options: {
    input: { type: "string", default: "." },
    output: { type: "string", default: "_site" },
    config: { type: "string", default: "eleventy.config.ts" },
    quiet: { type: "boolean", default: false },
  },
});

const output = path.resolve(values.output);
const staging = `${output}.building-${process.pid}`;
try {
  await buildInto(staging, { input: values.input, config: values.config, quiet: values.quiet });
} catch {
  console.error(`[dateline] build failed: nothing was published, ${values.output} is unchanged.`);
  process.exit(1);
}
publish(staging, output);
