/**
 * `npm run build`: builds the site into a fresh folder beside the output and puts it in place only when
 * the whole build succeeded. A failed build leaves the published `_site/` exactly as it was, and pages
 * of articles that were removed or re-embargoed are gone after the next good build.
 *
 * Options (as Eleventy's): --input=DIR (default .), --output=DIR (default _site), --config=FILE, --quiet.
 */
import { existsSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { Eleventy } from "@11ty/eleventy";

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
const previous = `${output}.previous-${process.pid}`;

rmSync(staging, { recursive: true, force: true });
try {
  await new Eleventy(values.input, staging, { configPath: values.config, quietMode: values.quiet, source: "script" }).write();
} catch {
  // Eleventy has reported the problems; what is published stays as it was.
  rmSync(staging, { recursive: true, force: true });
  console.error(`[dateline] build failed: nothing was published, ${values.output} is unchanged.`);
  process.exit(1);
}

// Two renames on one file system: readers of the old folder never see a half-written site.
if (existsSync(output)) renameSync(output, previous);
renameSync(staging, output);
rmSync(previous, { recursive: true, force: true });
