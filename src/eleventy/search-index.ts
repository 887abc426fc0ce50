import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync } from "node:fs";
import { filesBelow, removeStale } from "../content/files.ts";
import path from "node:path";
import { URLS } from "../model/urls.ts";

/**
 * Site search's index: Pagefind reads the story pages of a finished build (each marks its story, not
 * the chrome, with `data-pagefind-body`) and writes its bundle, one index per language, at `/pagefind/`.
 * When a build writes it is the publishing step's to decide (src/publish/search.ts).
 */

/** The bundle's folder in the output. */
export const SEARCH_FOLDER = URLS.searchIndex.slice(1, -1);
/** The bundle's file that names all the others: replacing it switches readers to a new index. */
const ENTRY = "pagefind-entry.json";
/** Pagefind's ready-made interfaces, which the theme's search page does not use. */
const UNUSED = /^pagefind-(ui|modular-ui|component-ui|highlight)\.(js|css)$/;

export interface IndexFigures {
  stories: number;
  languages: string[];
  files: number;
  bytes: number;
  seconds: number;
}

/** Pagefind could not index the site; the message says what it reported. */
export class SearchIndexError extends Error {
  constructor(message: string) {
    super(`the search index could not be written: ${message}`);
    this.name = "SearchIndexError";
  }
}

/** What Pagefind indexes: the built site's folder, or the pages a run wrote, by address (no older file can slip in). */
export type SearchSource = { folder: string } | { pages: readonly { url: string; content: string }[] };

/**
 * Indexes the stories of a built site into a new bundle folder `into`. `stories` is how
 * many the build shows: with none, the index is written empty (Pagefind, finding no page marked as
 * a story, would index every page whole).
 */
async function writeSearchIndex(source: SearchSource, into: string, stories: number): Promise<IndexFigures> {
  const started = performance.now();
  rmSync(into, { recursive: true, force: true });
  const pagefind = await import("pagefind");
  try {
    const { index, errors } = await pagefind.createIndex({});
    if (!index) throw new SearchIndexError(errors.join("; ") || "Pagefind did not start");
    if (stories > 0 && "folder" in source) {
      const added = await index.addDirectory({ path: source.folder });
      if (added.errors.length) throw new SearchIndexError(added.errors.join("; "));
    } else if (stories > 0 && "pages" in source) {
      for (const page of source.pages) {
        const added = await index.addHTMLFile(page);
        if (added.errors.length) throw new SearchIndexError(`${page.url}: ${added.errors.join("; ")}`);
      }
    }
    const written = await index.writeFiles({ outputPath: into });
    if (written.errors.length) throw new SearchIndexError(written.errors.join("; "));
  } finally {
    await pagefind.close();
  }
  for (const file of readdirSync(into)) if (UNUSED.test(file)) unlinkSync(path.join(into, file));
  const entry = JSON.parse(readFileSync(path.join(into, ENTRY), "utf8")) as { languages: Record<string, { page_count: number }> };
  const files = filesBelow(into);
  return {
    stories: Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0),
    languages: Object.keys(entry.languages),
    files: files.length,
    bytes: files.reduce((sum, file) => sum + statSync(file).size, 0),
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * Moves a bundle written by writeSearchIndex into `bundle`, its entry last, and removes every file of
 * the index it replaced: nothing a story no longer says stays on the site. A reader in the middle of a
 * search as it switches is answered from the new index on the next try (the search page retries).
 * A file the old index has with the same bytes (most of a story's fragments) is kept as it is: the
 * next build carries the published index into its folder as hard links, and a kept file is already
 * linked there.
 */
export function installBundle(fresh: string, bundle: string): string[] {
  const files = filesBelow(fresh).map((file) => path.relative(fresh, file));
  for (const file of [...files.filter((f) => f !== ENTRY), ENTRY]) {
    const [from, to] = [path.join(fresh, file), path.join(bundle, file)];
    if (file !== ENTRY && sameBytes(from, to)) continue;
    mkdirSync(path.dirname(to), { recursive: true });
    renameSync(from, to);
  }
  removeStale(bundle, new Set(files.map((file) => path.join(bundle, file))));
  rmSync(fresh, { recursive: true, force: true });
  return files;
}

function sameBytes(a: string, b: string): boolean {
  const there = statSync(b, { throwIfNoEntry: false });
  return there !== undefined && there.size === statSync(a).size && readFileSync(a).equals(readFileSync(b));
}

/** Indexes `source`'s stories into a scratch folder and puts the bundle in place in the site folder `site`. */
export async function indexSite(source: SearchSource, site: string, scratch: string, stories: number): Promise<IndexFigures> {
  const figures = await writeSearchIndex(source, scratch, stories);
  installBundle(scratch, path.join(site, SEARCH_FOLDER));
  return figures;
}

/** A one-line account of an index, for the build's summary. */
export function describeIndex(figures: IndexFigures, when: "before" | "after"): string {
  const languages = figures.languages.length === 1 ? "1 language" : `${figures.languages.length} languages`;
  const size = `${(figures.bytes / 2 ** 20).toFixed(1)} MB in ${figures.files.toLocaleString("en")} files`;
  return `search: ${figures.stories.toLocaleString("en")} ${figures.stories === 1 ? "story" : "stories"} in ${languages} indexed in ${figures.seconds.toFixed(1)} s${when === "after" ? ", after the site was published" : ""} (${size})`;
}
