/**
 * `npm run import:wordpress -- <export.xml> [--uploads <wp-content/uploads>] [--into <site>] [--force]`:
 * brings a WordPress archive into a Dateline site: its posts as stories, their approved comments,
 * their photos, new sections for its categories and a redirect from each old address. Run again
 * on the same export it changes nothing; what the newsroom edited or deleted since is kept unless
 * `--force`. Ends with a report of everything it did not bring, and why.
 */
import path from "node:path";
import { importWordPress, ImportError, type ImportReport } from "./wordpress/import.ts";
import { WxrError } from "./wordpress/wxr.ts";
import { RECORD_FILE, RecordError } from "./wordpress/record.ts";
import { commandArguments } from "./site-options.ts";

const USAGE = "usage: npm run import:wordpress -- <export.xml> [--uploads <wp-content/uploads folder>] [--into <site folder>] [--force]";
const { values, positionals } = commandArguments("import:wordpress", {
  uploads: { type: "string" },
  into: { type: "string", default: "." },
  force: { type: "boolean", default: false },
});
if (positionals.length !== 1) {
  console.error(`[dateline] import:wordpress: ${positionals.length === 0 ? "name the WordPress export" : "name one export"}\n${USAGE}`);
  process.exit(2);
}

const number = (n: number) => n.toLocaleString("en");
const plural = (n: number, one: string, many = `${one}s`) => `${number(n)} ${n === 1 ? one : many}`;
const say = (line: string) => console.log(`[dateline] ${line}`);

function printReport(report: ImportReport, started: number): void {
  const { stories, files, comments } = report;
  const total = stories.published + stories.embargoed + stories.drafts;
  say(`imported ${plural(total, "story", "stories")} (${number(stories.published)} published, ${number(stories.embargoed)} scheduled, ${plural(stories.drafts, "draft")}), ${plural(comments.imported, "comment")}, ${plural(report.photos, "photo")} copied, ${plural(report.redirects, "old address", "old addresses")} redirected, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  say(`files: ${number(files.written.length)} written, ${number(files.unchanged.length)} unchanged`);
  const list = (heading: string, lines: Iterable<string>) => {
    const all = [...lines];
    if (all.length === 0) return;
    say(heading);
    for (const line of all) console.log(`  ${line}`);
  };
  list("kept as the newsroom edited them since the last import (--force replaces them):", files.edited);
  list("kept deleted, as the newsroom deleted them since the last import (--force brings them back):", files.deleted);
  list("kept: not written by an import (--force replaces them):", files.foreign);
  list("removed, as WordPress no longer has them to publish:", report.removed);
  list("sections added to _data/site.json's nav:", report.sectionsAdded);
  list("sections of drafts only, not added to nav (add them before publishing those drafts):", report.draftSections);
  const others = Object.entries(report.notStories).sort(([a], [b]) => a.localeCompare(b)).map(([type, count]) => `${number(count)} ${type}`);
  if (others.length > 0) say(`not stories, so not imported: ${others.join(", ")}`);
  if (comments.pingbacks + comments.unapproved + comments.early + comments.empty > 0) {
    say(`comments left out: ${number(comments.pingbacks)} pingbacks and trackbacks, ${number(comments.unapproved)} unapproved or spam, ${number(comments.early)} dated before their story, ${number(comments.empty)} without words or a date`);
  }
  list("skipped:", report.skipped);
  list("warnings:", report.warnings);
  list("unknown shortcodes, removed (words they held are kept):", [...report.shortcodes].map(([tag, where]) => `[${tag}] in ${[...where].join(", ")}`));
  list("images not copied (still linked to the old site; copy them and import again):", report.missing);
  if (report.oldLinks > 0) say(`${plural(report.oldLinks, "link")} to other pages of the old site (not posts, categories or tags) left as they were`);
  say(`the import's record is ${RECORD_FILE}: keep it with the site, so that the next import knows what was edited since`);
}

const started = Date.now();
try {
  const report = await importWordPress({
    file: path.resolve(positionals[0]!),
    site: path.resolve(values.into),
    uploads: values.uploads === undefined ? undefined : path.resolve(values.uploads),
    force: values.force,
  });
  printReport(report, started);
} catch (error) {
  if (error instanceof ImportError || error instanceof WxrError || error instanceof RecordError) {
    console.error(`[dateline] import:wordpress failed: ${error.message}\n[dateline] nothing was imported.`);
    process.exit(1);
  }
  throw error;
}
