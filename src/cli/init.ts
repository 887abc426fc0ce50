/**
 * `npx dateline-news init <folder>` (or `npm run init -- <folder>` in the generator): starts a newsroom's
 * own site, a repository of its content, settings and overrides alone that takes Dateline's
 * upgrades with `npm update`. It writes package.json, eleventy.config.ts, `_data/site.json` (from
 * --title, --url, --language, --timezone and --sections, asked for on a terminal when not given),
 * one welcome story, .gitignore and the GitHub Actions workflow of docs/deploy.md.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline/promises";
import { fileURLToPath } from "node:url";
import { buildClock } from "../content/clock.ts";
import { articleText } from "../content/frontmatter.ts";
import { toSlug } from "../content/slugs.ts";
import { describeProblem } from "../content/errors.ts";
import { buildSections } from "../model/sections.ts";
import { reservedBy } from "../model/urls.ts";
import { commandArguments, stopCommand } from "./site-options.ts";
import { readSiteSettings } from "./site-files.ts";

const GENERATOR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const USAGE = 'usage: npx dateline-news init <folder> --title "Harbour Courier" --url https://courier.example.org [--language en] [--timezone Europe/Oslo] [--sections "News, Sport, Opinion"]';

const { values, positionals } = commandArguments("init", {
  title: { type: "string" },
  url: { type: "string" },
  language: { type: "string" },
  timezone: { type: "string" },
  sections: { type: "string" },
});

function fail(message: string, code = 1): never {
  return stopCommand("init", message, code);
}

if (positionals.length !== 1) fail(`name the folder for the new site\n${USAGE}`, 2);
const folder = path.resolve(positionals[0]!);
if (existsSync(folder) && readdirSync(folder).filter((name) => name !== ".git").length > 0) {
  fail(`${positionals[0]} is not empty: a new site starts in a new or empty folder (a git repository's .git may be there)`);
}

/** A setting from its flag, else asked for on a terminal, else its default (or a stop naming the flag). */
async function setting(flag: keyof typeof values, question: string, fallback?: string): Promise<string> {
  const given = values[flag]?.trim();
  if (given) return given;
  if (process.stdin.isTTY) {
    const ask = createInterface({ input: process.stdin, output: process.stdout });
    const answer = (await ask.question(`${question}${fallback ? ` [${fallback}]` : ""}: `)).trim();
    ask.close();
    if (answer || fallback) return answer || fallback!;
  }
  if (fallback !== undefined) return fallback;
  return fail(`give --${flag} (${question.toLowerCase()})\n${USAGE}`, 2);
}

const title = await setting("title", "The site's name");
const url = await setting("url", "Its address, e.g. https://courier.example.org");
const language = await setting("language", "Its language", "en");
const timezone = await setting("timezone", "Its time zone", Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC");
const sectionNames = (await setting("sections", "Its sections, separated by commas", "News")).split(",").map((name) => name.trim()).filter(Boolean);

// Each section's key from its name, never one Dateline writes itself (tags/, media/…), each its own.
const keys = new Set<string>();
const nav = sectionNames.map((name) => {
  const base = toSlug(name, "transliterated").slice(0, 50).replace(/-+$/, "").replace(/^[^a-z0-9]+/, "") || "section";
  const wanted = reservedBy(`/${base}/`, []) ? `${base}-section` : base;
  let key = wanted;
  for (let n = 2; keys.has(key); n++) key = `${wanted}-${n}`;
  keys.add(key);
  return { key, title: name };
});
const site = { title, url, language, timezone, nav, comments: { enabled: false } };
const settingsText = `${JSON.stringify(site, null, 2)}\n`;
const refuse = (problems: string) => fail(`these settings cannot make a site:\n${problems}`);
const checked = readSiteSettings(settingsText, refuse);
const { problems: navProblems } = buildSections(checked.nav, "_data/site.json");
if (navProblems.length > 0) refuse(navProblems.map((problem) => `  ${describeProblem(problem)}`).join("\n"));

const generator = JSON.parse(readFileSync(path.join(GENERATOR, "package.json"), "utf8")) as { name: string; version: string };
const guide = readFileSync(path.join(GENERATOR, "docs/deploy.md"), "utf8");
const workflow = /<!-- host: github-pages -->\n```yaml\n([\s\S]*?)\n```/.exec(guide)?.[1];
if (!workflow) fail("docs/deploy.md has lost its GitHub Pages workflow; reinstall Dateline");

const firstSection = nav[0]!;
const files: Record<string, string> = {
  "package.json": `${JSON.stringify(
    {
      name: toSlug(path.basename(folder), "transliterated") || "newsroom",
      private: true,
      type: "module",
      scripts: Object.fromEntries(["build", "start", "check", "new", "next-build", "import:wordpress"].map((command) => [command, `dateline ${command}`])),
      dependencies: { [generator.name]: `^${generator.version}` },
    },
    null,
    2,
  )}\n`,
  "eleventy.config.ts": `// The site is built by Dateline's plugin with Dateline's settings; its own layouts and labels go in _includes/.\nexport { default, config } from "${generator.name}/eleventy.config.ts";\n`,
  "_data/site.json": settingsText,
  [`posts/${firstSection.key}/welcome.md`]: articleText(
    { title: `Welcome to ${title}`, date: buildClock().setZone(timezone).toFormat("yyyy-MM-dd'T'HH:mmZZ"), section: firstSection.key, summary: "The first story of the new site." },
    [
      `${title} is built with Dateline. Stories are markdown files in \`posts/\`; start one with`,
      "",
      `    npm run new -- "Headline" --section ${firstSection.key}`,
      "",
      "then `npm start` to see it, and `npm run build` to publish the site into `_site/`. The settings are in `_data/site.json`; the guide is Dateline's README.",
    ].join("\n"),
  ),
  ".gitignore": ["node_modules/", "# Build output and the build's own bookkeeping beside it.", "_site/", "_site.*", "_preview/", ".cache/", ""].join("\n"),
  ".github/workflows/publish.yml": `${workflow}\n`,
};
for (const [name, content] of Object.entries(files)) {
  mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
  writeFileSync(path.join(folder, name), content);
}
console.log(`[dateline] a new site for ${title} in ${positionals[0]}: ${Object.keys(files).join(", ")}`);
console.log(`[dateline] next: cd ${positionals[0]} && npm install && npm run build`);
