/**
 * `npm run check`: everything a build checks (every article, site.json and comment file), then a build
 * into a scratch folder and a check of every internal link and anchor in it. `_site/` is not touched.
 *
 * Options: --input=DIR (default .), --config=FILE.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildScratch } from "../publish/output.ts";
import { checkLinks } from "../publish/links.ts";
import { commandOptions, enterSite, rootCause, siteOptions } from "./site-options.ts";

const values = commandOptions("check", { input: { type: "string", default: "." }, config: { type: "string" } });

const scratch = mkdtempSync(path.join(tmpdir(), "dateline-check-"));
const built = path.join(scratch, "_site");
let siteUrl = "";
const site = siteOptions(values);
enterSite(site.input);
try {
  siteUrl = (await buildScratch(built, { ...site, quiet: true })).site?.url ?? "";
} catch (error) {
  rmSync(scratch, { recursive: true, force: true });
  const cause = error instanceof Error ? rootCause(error) : new Error(String(error));
  if (cause.name !== "ContentValidationError") console.error(`[dateline] check failed: ${cause.message}`);
  console.error("[dateline] check failed: fix the problems above.");
  process.exit(1);
}

const { pages, links, broken } = checkLinks(built, siteUrl);
rmSync(scratch, { recursive: true, force: true });
for (const { page, link, problem } of broken) console.error(`${page}: link ${link}: ${problem}`);
if (broken.length > 0) {
  console.error(`[dateline] check failed: ${broken.length} broken internal ${broken.length === 1 ? "link" : "links"} in ${pages} pages.`);
  process.exit(1);
}
console.log(`[dateline] check passed: content is valid; ${links} internal links in ${pages} pages all lead somewhere.`);
