import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import type { FrontPage } from "./fronts.ts";
import type { Newsroom, PublishedArticle } from "./newsroom.ts";

/**
 * Republishing without re-rendering what did not change. Every article page and front page gets a key:
 * a hash of everything its HTML is made from (the article's file and comments, the articles listed on a
 * front, the site's settings, the chrome's contents, the theme and the generator's code). A build
 * writes into the spare folder (see site-output.ts); a page whose key matches the one recorded for the
 * spare's copy is left as it is, one whose key matches the published copy is copied from there, and
 * only the rest are rendered. After one new article, that is the article, the fronts it appears on,
 * the feeds and sitemaps.
 */

export interface Manifest {
  /** Output file (relative to the build folder, forward slashes) → key of the page written there. */
  pages: Record<string, string>;
}

export interface ReusePlan {
  articles: PublishedArticle[];
  fronts: FrontPage[];
  /** Files already right in the build folder. */
  kept: string[];
  /** Files to copy from the published folder. */
  copied: string[];
  /** The build folder's manifest once the build is done. */
  manifest: Manifest;
}

export const manifestFile = (folder: string) => `${folder}.manifest.json`;

export const hash = (...parts: string[]) => {
  const digest = createHash("sha256");
  for (const part of parts) digest.update(part).update("\u0000");
  return digest.digest("base64url");
};

export function readManifest(folder: string): Manifest {
  try {
    return JSON.parse(readFileSync(manifestFile(folder), "utf8")) as Manifest;
  } catch {
    return { pages: {} };
  }
}

/** A hash of the given files and of every file below the given folders: the theme, the templates, the generator's code and its locked dependencies. */
export function folderFingerprint(folders: readonly string[]): string {
  const parts: string[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(file);
      else parts.push(file, readFileSync(file, "utf8"));
    }
  };
  for (const folder of folders) {
    if (!existsSync(folder)) continue;
    if (statSync(folder).isDirectory()) visit(folder);
    else parts.push(folder, readFileSync(folder, "utf8"));
  }
  return hash(...parts);
}

/** What every page shows besides its own content: settings, navigation, top bar, sidebar. */
function chromeFingerprint(newsroom: Newsroom, code: string): string {
  const entry = (a: PublishedArticle) => [a.url, a.title, a.section.title];
  return hash(
    code,
    String(newsroom.preview),
    JSON.stringify(newsroom.site),
    JSON.stringify([...newsroom.sectionTree.byKey.values()].map((s) => [s.key, s.title, s.url])),
    JSON.stringify(newsroom.headerDate),
    JSON.stringify(newsroom.popular.map(entry)),
    JSON.stringify(newsroom.recentComments.map((r) => [r.comment.author, r.comment.anchor, r.article.url, r.article.title])),
  );
}

const relativeOutput = (url: string) => (url.endsWith(".html") ? url : `${url}index.html`).replace(/^\//, "");

/**
 * Set by the build command before Eleventy runs: the folder being written (with the manifest it had)
 * and the published folder (with its manifest). Unset (npm start, other callers), everything renders.
 */
export const reuseContext: { folder?: string; published?: string; own?: Manifest; previous?: Manifest; plan?: ReusePlan; copying?: Promise<void> } = {};

export function planReuse(newsroom: Newsroom, code: string, folder: string, published: string, ownManifest: Manifest, previousManifest: Manifest): ReusePlan {
  const chrome = chromeFingerprint(newsroom, code);
  const own = ownManifest.pages;
  const previous = previousManifest.pages;
  const plan: ReusePlan = { articles: [], fronts: [], kept: [], copied: [], manifest: { pages: {} } };

  const decide = <T>(file: string, key: string, item: T, render: T[]) => {
    plan.manifest.pages[file] = key;
    if (own[file] === key && existsSync(path.join(folder, file))) plan.kept.push(file);
    else if (previous[file] === key && existsSync(path.join(published, file))) plan.copied.push(file);
    else render.push(item);
  };
  for (const article of newsroom.articles) decide(relativeOutput(article.url), hash(chrome, "article", article.fingerprint), article, plan.articles);
  for (const front of newsroom.fronts) {
    const listed = front.articles.map((a) => a.fingerprint).join(",");
    decide(relativeOutput(front.url), hash(chrome, "front", front.kind, front.name, String(front.number), String(front.total), String(front.count), listed), front, plan.fronts);
  }
  return plan;
}

/**
 * Copies the pages the plan takes from the published folder into the build folder. Started as soon as
 * the plan is made, so the copying (disk work, on libuv's threads) runs while Eleventy renders.
 */
export async function copyReused(plan: ReusePlan, folder: string, published: string, parallel = 16): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < plan.copied.length) {
      const file = plan.copied[next++]!;
      await mkdir(path.dirname(path.join(folder, file)), { recursive: true });
      await copyFile(path.join(published, file), path.join(folder, file));
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}

/** Records the build folder's manifest; returns the paths of the pages the build kept or copied. */
export function finishReuse(plan: ReusePlan, folder: string): string[] {
  writeFileSync(manifestFile(folder), JSON.stringify(plan.manifest));
  return [...plan.kept, ...plan.copied].map((file) => path.join(folder, file));
}
