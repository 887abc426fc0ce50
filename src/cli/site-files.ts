import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { normalizePermalink } from "../content/article-file.ts";
import { describeProblem, parseJson, type ContentProblem } from "../content/errors.ts";
import { listFiles } from "../content/files.ts";
import { SITE_FOLDERS } from "../content/folders.ts";
import { splitArticle } from "../content/frontmatter.ts";
import { issuesToProblems, siteSchema, type SiteConfig } from "../content/schema.ts";

/**
 * What the commands that write content (`new`, `import:wordpress`) need to know of a site before
 * they write into it: its settings, checked, and the slugs and addresses its articles already have.
 */

/** site.json's settings, or the error `fail` makes of its problems (one `file: field: message` line each). */
export function readSiteSettings(source: string, fail: (problems: string) => Error): SiteConfig {
  const json = parseJson("_data/site.json", source);
  const problems: ContentProblem[] = [];
  if (!json.ok) problems.push(json.problem);
  const parsed = json.ok ? siteSchema.safeParse(json.value) : undefined;
  if (parsed && !parsed.success) problems.push(...issuesToProblems("_data/site.json", parsed.error));
  if (problems.length > 0 || !parsed?.success) throw fail(problems.map((problem) => `  ${describeProblem(problem)}`).join("\n"));
  return parsed.data;
}

/**
 * The slugs and the addresses (their own, permalinks, aliases) of the site's articles, but those
 * `skip` names (site-relative): a new story must take none of them. `pathOf` gives a section's path
 * by its key.
 */
export function siteArticles(site: string, pathOf: (key: string) => readonly string[] | undefined, skip: (file: string) => boolean = () => false): { slugs: Set<string>; urls: Set<string> } {
  const folder = path.join(site, SITE_FOLDERS.posts);
  const found = { slugs: new Set<string>(), urls: new Set<string>() };
  if (!existsSync(folder)) return found;
  for (const file of listFiles(folder, (name) => name).files) {
    const relative = path.relative(site, file).split(path.sep).join("/");
    if (!relative.endsWith(".md") || skip(relative)) continue;
    const split = splitArticle(readFileSync(file, "utf8"));
    const data = split.ok ? split.data : {};
    const slug = typeof data.slug === "string" ? data.slug : path.basename(file, ".md");
    found.slugs.add(slug);
    const section = typeof data.section === "string" ? pathOf(data.section) : undefined;
    if (section) found.urls.add(`/${section.join("/")}/${slug}/`);
    for (const url of [data.permalink, ...(Array.isArray(data.aliases) ? data.aliases : [])]) {
      const normal = typeof url === "string" ? normalizePermalink(url) : undefined;
      if (normal && "path" in normal) found.urls.add(normal.path);
    }
  }
  return found;
}
