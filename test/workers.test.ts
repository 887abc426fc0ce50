import { describe, expect, it } from "vitest";
import { availableParallelism } from "node:os";
import type { FrontPage } from "../src/model/fronts.ts";
import type { PublishedArticle } from "../src/model/published.ts";
import { renderWorkers, shareOut } from "../src/publish/workers.ts";

const pages = (fronts: number, articles: number) => ({
  fronts: Array.from({ length: fronts }, (_, i) => ({ url: `/f${i}/` }) as FrontPage),
  articles: Array.from({ length: articles }, (_, i) => ({ url: `/a${i}/` }) as PublishedArticle),
  ninjs: Array.from({ length: articles }, (_, i) => ({ url: `/a${i}/` }) as PublishedArticle),
});
const urls = (part: { fronts: FrontPage[]; articles: PublishedArticle[]; ninjs: PublishedArticle[] }) => [
  ...part.fronts.map((f) => `front ${f.url}`),
  ...part.articles.map((a) => `page ${a.url}`),
  ...part.ninjs.map((a) => `ninjs ${a.url}`),
];

describe("sharing pages out between a build and its render workers", () => {
  it("gives every page to exactly one process, in order, the build's part larger by its head start", () => {
    const all = pages(1_300, 10_000);
    for (const workers of [0, 1, 3]) {
      const parts = shareOut(all, workers, 800);
      expect(parts).toHaveLength(workers + 1);
      expect(parts.flatMap(urls)).toEqual(urls({ fronts: all.fronts, articles: all.articles, ninjs: all.ninjs }));
      const sizes = parts.map((part) => urls(part).length);
      if (workers > 0) expect(sizes[0]! - sizes[1]!).toBeGreaterThanOrEqual(799);
      expect(Math.max(...sizes.slice(1)) - Math.min(...sizes.slice(1))).toBeLessThanOrEqual(1);
    }
    // Fewer pages than the head start: the build keeps them all.
    expect(shareOut(pages(0, 100), 1, 800).map((part) => urls(part).length)).toEqual([200, 0]);
  });

  it("starts one fewer than the cores, at most three, for 3,000 pages or more, unless DATELINE_WORKERS says how many", () => {
    expect(renderWorkers(3_000, {})).toBe(Math.min(3, availableParallelism() - 1));
    expect(renderWorkers(2_999, {})).toBe(0);
    expect(renderWorkers(3_000, { DATELINE_WORKERS: "0" })).toBe(0);
    expect(renderWorkers(10, { DATELINE_WORKERS: "2" })).toBe(2);
    expect(renderWorkers(0, { DATELINE_WORKERS: "2" })).toBe(0);
    expect(renderWorkers(3_000, { DATELINE_WORKERS: "many" })).toBe(Math.min(3, availableParallelism() - 1));
  });
});
