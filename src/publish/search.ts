import { existsSync, statSync, unlinkSync } from "node:fs";
import path from "node:path";
import { filesBelow, linkOrCopy, removeStale } from "../content/files.ts";
import { hash } from "../content/hash.ts";
import type { Newsroom } from "../model/newsroom.ts";

/**
 * When a published site's search index is written. Pagefind cannot add one page to an index: every
 * index is written whole, which takes seconds to a minute on a large archive. So a build that only
 * adds or changes stories publishes the site first, with the index the published site already had,
 * and the new index follows: its files are put beside the old ones and `pagefind-entry.json`, which
 * names them, is renamed into place last, so readers switch from one whole index to the next, and the
 * old index's files are removed (nothing a story no longer says stays searchable). A build
 * that takes a story away (withdrawn, embargoed again, expired, moved) writes the index before it
 * publishes: the old index would still find it.
 */

/** What a published index holds. */
export interface SearchRecord {
  /** Each story's address → a key of everything its page is made from. */
  stories: Record<string, string>;
}

/** The index a build wants: every story it shows, keyed by what its page is made from (`code`: the theme and generator). */
export function searchKeys(newsroom: Newsroom, code: string): Record<string, string> {
  const settings = JSON.stringify(newsroom.site);
  return Object.fromEntries(newsroom.articles.map((article) => [article.url, hash(code, settings, article.fingerprint)]));
}

/**
 * When a build writes its index: `now`, before the site is published, when the published index would
 * find a story the new site no longer has (or there is none); `after` when stories were only added or
 * changed; not at all when every story is as the index has it.
 */
export function searchTiming(live: SearchRecord | undefined, wanted: Readonly<Record<string, string>>): "now" | "after" | "unchanged" {
  if (!live) return "now";
  const indexed = Object.keys(live.stories);
  if (indexed.some((url) => !(url in wanted))) return "now";
  const same = indexed.length === Object.keys(wanted).length && indexed.every((url) => live.stories[url] === wanted[url]);
  return same ? "unchanged" : "after";
}

/**
 * Makes `copy` hold the very files of `bundle` (hard links: no data is copied) and returns their
 * paths: a build carries the published index into the folder it is about to publish.
 */
export function mirrorBundle(bundle: string, copy: string): string[] {
  const files = filesBelow(bundle).map((file) => path.relative(bundle, file));
  for (const file of files) {
    const from = path.join(bundle, file);
    const to = path.join(copy, file);
    const there = statSync(to, { throwIfNoEntry: false });
    if (there?.ino === statSync(from).ino) continue;
    if (there) unlinkSync(to);
    linkOrCopy(from, to);
  }
  const carried = files.map((file) => path.join(copy, file));
  if (existsSync(copy)) removeStale(copy, new Set(carried));
  return carried;
}

