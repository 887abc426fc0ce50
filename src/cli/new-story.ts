/**
 * `npm run new -- "Headline" --section <key> [--dateline PLACE] [--author NAME] [--draft] [--input <site>]`:
 * starts a story: writes `posts/<section path>/<slug>.md` with its front matter filled in (the time
 * now in the site's zone, a slug made from the headline, a fresh one when that is taken) and prints
 * the file's path, so that `$EDITOR "$(npm run -s new -- "…" --section news)"` opens it. The body is
 * left empty: a story without one cannot be published by mistake, as the build says.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildClock } from "../content/clock.ts";
import { ContentValidationError } from "../content/errors.ts";
import { DATA_FILES, SITE_FOLDERS } from "../content/folders.ts";
import { articleText } from "../content/frontmatter.ts";
import { toSlug } from "../content/slugs.ts";
import { buildSections } from "../model/sections.ts";
import { reservedBy } from "../model/urls.ts";
import { commandArguments, stopCommand } from "./site-options.ts";
import { readSiteSettings, siteArticles } from "./site-files.ts";

const USAGE = 'usage: npm run new -- "Headline" --section <key> [--dateline PLACE] [--author NAME] [--draft] [--input <site folder>]';
const { values, positionals } = commandArguments("new", {
  section: { type: "string" },
  dateline: { type: "string" },
  author: { type: "string", multiple: true },
  draft: { type: "boolean", default: false },
  input: { type: "string", default: "." },
});

function fail(message: string, code = 1): never {
  return stopCommand("new", message, code);
}

const headline = positionals.join(" ").replace(/\s+/g, " ").trim();
if (!headline) fail(`give the headline\n${USAGE}`, 2);
if (!values.section) fail(`give the story's section (--section <key>)\n${USAGE}`, 2);

const site = path.resolve(values.input);
const siteFile = path.join(site, "_data", DATA_FILES.site);
if (!existsSync(siteFile)) fail(`${siteFile}: no such file; start a story inside a Dateline site, or give it with --input`);
const settings = readSiteSettings(readFileSync(siteFile, "utf8"), (problems) => fail(`fix the site's settings first:\n${problems}`));
const { tree } = buildSections(settings.nav, "_data/site.json");
const section = tree.byKey.get(values.section!);
if (!section) fail(`--section: "${values.section}" is not a section in _data/site.json (known: ${[...tree.byKey.keys()].join(", ")})`);

const sectionPath = section.url.split("/").filter(Boolean);
const pathOf = (key: string) => tree.byKey.get(key)?.url.split("/").filter(Boolean);
const taken = siteArticles(site, pathOf);
const wanted = toSlug(headline, settings.slugs);
let slug = wanted;
const fronts = [...tree.byKey.values()];
for (let n = 2; taken.slugs.has(slug) || taken.urls.has(`${section.url}${slug}/`) || reservedBy(`${section.url}${slug}/`, fronts) || existsSync(path.join(site, SITE_FOLDERS.posts, ...sectionPath, `${slug}.md`)); n++) slug = `${wanted}-${n}`;

function clock() {
  try {
    return buildClock().setZone(settings.timezone);
  } catch (error) {
    if (!(error instanceof ContentValidationError)) throw error;
    return fail(error.message);
  }
}
const now = clock();
const front: Record<string, unknown> = { title: headline, date: now.toFormat("yyyy-MM-dd'T'HH:mmZZ"), section: section.key };
if (values.dateline?.trim()) front.dateline = { place: values.dateline.trim() };
const authors = (values.author ?? []).map((name) => name.trim()).filter(Boolean);
if (authors.length > 0) front.authors = authors;
if (values.draft) front.draft = true;

const relative = [SITE_FOLDERS.posts, ...sectionPath, `${slug}.md`].join("/");
mkdirSync(path.dirname(path.join(site, relative)), { recursive: true });
writeFileSync(path.join(site, relative), articleText(front, ""), { flag: "wx" });
console.log(path.relative(process.cwd(), path.join(site, relative)) || relative);
