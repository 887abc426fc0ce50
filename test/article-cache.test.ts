import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DateTime } from "luxon";
import { ArticleCache } from "../src/content/article-cache.ts";
import { readArticleFile, type ArticleFile } from "../src/content/article-file.ts";
import { loadNewsroom } from "../src/model/newsroom.ts";
import { FIXTURES, sitePaths, writeSite } from "./helpers/site.ts";

const SAFE = path.join(FIXTURES, "hostile/safe");
const NOW = DateTime.fromISO("2024-05-02T00:00:00Z", { zone: "utc" });
const folders: string[] = [];
const scratch = () => {
  const folder = mkdtempSync(path.join(tmpdir(), "dateline-cache-"));
  folders.push(folder);
  return folder;
};
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

const SITE = { title: "T", url: "https://t.example", language: "en", timezone: "Europe/Berlin", nav: [{ key: "news", title: "News" }] } as const;
const STORY = "---\r\ntitle: Cached\r\ndate: 2024-05-01T10:00\r\nsection: news\r\ncorrections:\r\n  - date: 2024-05-01T12:00\r\n    text: A name was misspelled.\r\n---\r\n\uFEFFBody one.\r\n\r\nBody two.\r\n";

function readWith(cache: ArticleCache, file: string): ArticleFile {
  const text = readFileSync(file, "utf8");
  const hit = cache.lookup("posts/story.md", text);
  if (hit) return hit;
  const read = readArticleFile("posts/story.md", text, SITE as never, new Set(["news"]));
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  cache.store(text, read.article);
  return read.article;
}

describe("the article cache", () => {
  it("gives back exactly what reading the file gave, dates in the article's zone, body with its line ends normalised", () => {
    const folder = scratch();
    const file = path.join(folder, "story.md");
    writeFileSync(file, STORY);
    const first = new ArticleCache(folder, folder, SITE.timezone, ["news"]);
    const read = readWith(first, file);
    first.save();
    const second = new ArticleCache(folder, folder, SITE.timezone, ["news"]);
    const cached = readWith(second, file);
    expect(second.hits).toBe(1);
    expect(cached.body).toBe("\uFEFFBody one.\n\nBody two.\n");
    expect(cached.published.toISO()).toBe(read.published.toISO());
    expect(cached.published.zoneName).toBe("Europe/Berlin");
    expect(cached.correctionDates.map((date) => date.toISO())).toEqual(read.correctionDates.map((date) => date.toISO()));
    expect({ ...cached, published: 0, correctionDates: 0 }).toEqual({ ...read, published: 0, correctionDates: 0 });
  });

  it("reads a file again once it changed, even at the same size and time, and when the zone, sections or cache file differ", () => {
    const folder = scratch();
    const file = path.join(folder, "story.md");
    writeFileSync(file, STORY);
    const cache = new ArticleCache(folder, folder, SITE.timezone, ["news"]);
    readWith(cache, file);
    cache.save();
    // An edit of the same length, with the file's time put back: its bytes are what count.
    const { mtime } = statSync(file);
    writeFileSync(file, STORY.replace("Cached", "Edited"));
    utimesSync(file, mtime, mtime);
    const again = new ArticleCache(folder, folder, SITE.timezone, ["news"]);
    expect(readWith(again, file).front.title).toBe("Edited");
    expect(again.misses).toBe(1);
    again.save();
    for (const other of [new ArticleCache(folder, folder, "UTC", ["news"]), new ArticleCache(folder, folder, SITE.timezone, ["news", "sport"])]) {
      readWith(other, file);
      expect(other.hits).toBe(0);
    }
    const [stored] = readdirSync(folder).filter((name) => name.endsWith(".bin"));
    writeFileSync(path.join(folder, stored!), "not a cache");
    const broken = new ArticleCache(folder, folder, SITE.timezone, ["news"]);
    expect(readWith(broken, file).front.title).toBe("Edited");
    expect(broken.hits).toBe(0);
  });

  it("reads a site to the same newsroom from the cache as from the files", () => {
    const input = writeSite({}, SAFE);
    const cacheFolder = scratch();
    const cold = loadNewsroom(sitePaths(input), NOW);
    const first = loadNewsroom(sitePaths(input), NOW, { preview: false, cacheFolder });
    const warm = loadNewsroom(sitePaths(input), NOW, { preview: false, cacheFolder });
    expect(readdirSync(cacheFolder).filter((name) => name.endsWith(".bin"))).toHaveLength(1);
    expect(warm.articles).toEqual(cold.articles);
    expect(first.articles).toEqual(cold.articles);
    expect(warm.fronts.map((front) => front.url)).toEqual(cold.fronts.map((front) => front.url));
  });
});
