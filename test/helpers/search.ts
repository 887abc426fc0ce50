import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";

/** A story as the search index holds it: what a reader's search can find and show. */
export interface IndexedStory {
  language: string;
  url: string;
  content: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
}

/** Pagefind's index in a built site, read as its script reads it: the entry's languages and every page's fragment. */
export function readSearchIndex(output: string): { languages: Record<string, { page_count: number }>; stories: IndexedStory[] } {
  const bundle = path.join(output, "pagefind");
  const entry = JSON.parse(readFileSync(path.join(bundle, "pagefind-entry.json"), "utf8")) as { languages: Record<string, { page_count: number }> };
  const folder = path.join(bundle, "fragment");
  const stories = (existsSync(folder) ? readdirSync(folder) : []).map((file) => {
    // A fragment is gzip'd JSON behind a short signature.
    const text = gunzipSync(readFileSync(path.join(folder, file))).toString("utf8").replace(/^pagefind_dcd/, "");
    return { language: file.split("_")[0]!, ...(JSON.parse(text) as Omit<IndexedStory, "language">) };
  });
  return { languages: entry.languages, stories };
}
