import { existsSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { hash } from "../content/hash.ts";
import type { FrontPage } from "../model/fronts.ts";
import type { Newsroom, Redirect } from "../model/newsroom.ts";
import type { PublishedArticle } from "../model/published.ts";
import { outputFile } from "../model/urls.ts";
import { ninjsUrl } from "../model/ninjs.ts";
import type { SearchRecord } from "./search.ts";

/**
 * Republishing without re-rendering what did not change. Every article page and front page gets a key:
 * a hash of everything its HTML is made from (the article's file and comments, the articles listed on a
 * front, the site's settings, the chrome's contents, the theme, the site's config and data files, and
 * the generator's code). A build writes into the spare folder (see output.ts); a page whose key matches
 * the one recorded for the spare's copy is left as it is, one whose key matches the published copy is
 * copied from there, and only the rest are rendered.
 */

/** Which folder a manifest describes: a folder keeps its device and inode through renames, and a new folder gets new ones. */
interface FolderId {
  dev: number;
  ino: number;
  birth: number;
}

export interface Manifest {
  folder?: FolderId;
  /** Output file (relative to the build folder, forward slashes) → key of the page written there. */
  pages: Record<string, string>;
  /** Output file → its size and modification time when the manifest was written: a page edited by hand since is not reused. */
  files?: Record<string, string>;
  /** What the folder's search index holds (see search.ts). */
  search?: SearchRecord;
}

export interface ReusePlan {
  articles: PublishedArticle[];
  fronts: FrontPage[];
  redirects: Redirect[];
  /** Stories whose ninjs file must be written again. */
  ninjs: PublishedArticle[];
  /** Files already right in the build folder. */
  kept: string[];
  /** Files to copy from the published folder. */
  copied: string[];
  /** The build folder's manifest once the build is done. */
  manifest: Manifest;
  /** The size and time of each kept file, as checked when it was kept. */
  keptStamps: Record<string, string>;
}

export const manifestFile = (folder: string) => `${folder}.manifest.json`;

function folderId(folder: string): FolderId | undefined {
  if (!existsSync(folder)) return undefined;
  const stat = statSync(folder);
  return { dev: stat.dev, ino: stat.ino, birth: stat.birthtimeMs };
}

const sameFolder = (a: FolderId | undefined, b: FolderId | undefined) => !!a && !!b && a.dev === b.dev && a.ino === b.ino && a.birth === b.birth;

/**
 * The manifest that describes `folder`: its own, or its sibling's when a build stopped between
 * swapping the two folders and swapping their manifests. With none, nothing is trusted and every
 * page is rendered.
 */
export function readManifest(folder: string, sibling: string): Manifest {
  const id = folderId(folder);
  for (const candidate of [folder, sibling]) {
    try {
      const manifest = JSON.parse(readFileSync(manifestFile(candidate), "utf8")) as Manifest;
      if (sameFolder(manifest.folder, id)) return manifest;
    } catch {
      // No manifest, or one a crash cut short: nothing to trust there.
    }
  }
  return { pages: {} };
}

const fileStamp = (file: string) => {
  try {
    const stat = statSync(file);
    return `${stat.size}:${stat.mtimeMs}`;
  } catch {
    return undefined;
  }
};

/** Records what `folder` holds, tied to that folder and to each page file as it is now (`known`: files whose stamp was just read). */
export function writeManifest(folder: string, manifest: Manifest, known: Readonly<Record<string, string>> = {}): void {
  const files = Object.fromEntries(Object.keys(manifest.pages).map((file) => [file, known[file] ?? fileStamp(path.join(folder, file)) ?? ""]));
  writeFileSync(manifestFile(folder), JSON.stringify({ ...manifest, folder: folderId(folder), files }));
}

/** Records in a published folder's manifest the search index it now has (undefined: none to trust); the rest is as it was. */
export function recordSearch(folder: string, search: SearchRecord | undefined): void {
  const file = manifestFile(folder);
  if (!existsSync(file)) return;
  const manifest = JSON.parse(readFileSync(file, "utf8")) as Manifest;
  writeFileSync(`${file}.new`, JSON.stringify({ ...manifest, search }));
  renameSync(`${file}.new`, file);
}

/** A hash of the given files and of every file below the given folders (skipping `skip`): the theme, the site's config and data, the generator. */
export function filesFingerprint(paths: readonly string[], skip: (file: string) => boolean = () => false): string {
  const parts: string[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const file = path.join(dir, entry.name);
      if (skip(file)) continue;
      if (entry.isDirectory()) visit(file);
      // Only plain files: a named pipe would block the build, and the checks name anything else.
      else if (entry.isFile()) parts.push(file, readFileSync(file, "utf8"));
    }
  };
  for (const item of paths) {
    if (!existsSync(item) || skip(item)) continue;
    if (statSync(item).isDirectory()) visit(item);
    else parts.push(item, readFileSync(item, "utf8"));
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
    JSON.stringify(newsroom.themeAssets.map((asset) => asset.url)),
    // site.json's logo and share picture are on every page: a new file under the same name is a new page.
    JSON.stringify(newsroom.sitePhotos.map((photo) => [photo.src, photo.stamp])),
    JSON.stringify(newsroom.popular.map(entry)),
    JSON.stringify(newsroom.recentComments.map((r) => [r.comment.author, r.comment.anchor, r.article.url, r.article.title])),
  );
}

export function planReuse(newsroom: Newsroom, code: string, folder: string, published: string, ownManifest: Manifest, previousManifest: Manifest): ReusePlan {
  const chrome = chromeFingerprint(newsroom, code);
  const own = ownManifest.pages;
  const previous = previousManifest.pages;
  const plan: ReusePlan = { articles: [], fronts: [], redirects: [], ninjs: [], kept: [], copied: [], manifest: { pages: {} }, keptStamps: {} };

  // A page is reused only if its key matches and its file is the very one the manifest recorded.
  const unchanged = (manifest: Manifest, root: string, file: string) => manifest.files?.[file] !== undefined && manifest.files[file] === fileStamp(path.join(root, file));
  const decide = <T>(file: string, key: string, item: T, render: T[]) => {
    plan.manifest.pages[file] = key;
    if (own[file] === key && unchanged(ownManifest, folder, file)) {
      plan.kept.push(file);
      plan.keptStamps[file] = ownManifest.files![file]!;
    }
    else if (previous[file] === key && unchanged(previousManifest, published, file)) plan.copied.push(file);
    else render.push(item);
  };
  // An article shows the stories related to it: a new one among them is a new page.
  const related = (article: PublishedArticle) => newsroom.relatedTo(article).map((other) => [other.url, other.title, other.section.title, other.language ?? ""].join("|")).join(",");
  for (const article of newsroom.articles) decide(outputFile(article.url), hash(chrome, "article", article.fingerprint, related(article)), article, plan.articles);
  for (const front of newsroom.fronts) {
    const listed = front.articles.map((a) => a.fingerprint).join(",");
    // An archive page shows its stories and its links, not the front's totals, which every new story changes.
    const shown = front.number === 1 ? [String(front.total), String(front.count)] : [];
    decide(outputFile(front.url), hash(chrome, "front", front.kind, front.name, String(front.number), JSON.stringify([front.prev, front.next, front.pageLinks]), ...shown, listed), front, plan.fronts);
  }
  // A redirect page shows no chrome: only the site's settings and the story's address, headline and language.
  const site = JSON.stringify(newsroom.site);
  // Nor does a story's ninjs file: the story itself (its fingerprint holds its photos'), the settings, the theme's labels.
  if (newsroom.site.ninjs) for (const article of newsroom.articles) decide(outputFile(ninjsUrl(article.url)), hash(code, "ninjs", site, article.fingerprint), article, plan.ninjs);
  for (const redirect of newsroom.redirects) {
    const { url, title, language } = redirect.article;
    decide(outputFile(redirect.url), hash(code, "redirect", site, redirect.url, url, title, language ?? ""), redirect, plan.redirects);
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
