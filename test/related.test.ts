import { afterAll, describe, expect, it } from "vitest";
import { rmSync } from "node:fs";
import { relatedStories } from "../src/model/related.ts";
import type { PublishedArticle } from "../src/model/published.ts";
import { generatedSite } from "./helpers/generate.ts";
import { readNewsroom } from "./helpers/site.ts";

const folders: string[] = [];
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

describe("related stories", () => {
  it("are those sharing most tags, then the section, then nearest in time, never the story itself", () => {
    const site = generatedSite({ title: "T", url: "https://t.example", nav: [{ key: "news", title: "News" }, { key: "sport", title: "Sport" }] }, [
      { slug: "ferry-vote", section: "news", date: "2026-11-10T10:00", tags: ["Ferries", "Council"] },
      { slug: "ferry-budget", section: "news", date: "2026-11-01T10:00", tags: ["Ferries", "Council"] },
      { slug: "ferry-timetable", section: "sport", date: "2026-11-09T10:00", tags: ["Ferries"] },
      { slug: "council-housing", section: "news", date: "2026-11-11T10:00", tags: ["Council"] },
      { slug: "match-report", section: "sport", date: "2026-11-10T12:00", tags: ["Football"] },
      { slug: "news-brief", section: "news", date: "2026-11-10T11:00" },
    ]);
    folders.push(site);
    const { newsroom } = readNewsroom(site, "2026-11-30T12:00:00Z");
    const slugs = (slug: string) => newsroom!.relatedTo(newsroom!.articles.find((a) => a.slug === slug)!).map((a) => a.slug);
    // Two shared tags first; then one shared tag and the section; one tag; the section alone, nearest first.
    expect(slugs("ferry-vote")).toEqual(["ferry-budget", "council-housing", "ferry-timetable", "news-brief"]);
    expect(slugs("match-report")).toEqual(["ferry-timetable"]);
  });

  it("score a story found near in time on everything it shares, however many stories lie between them on a tag's list", () => {
    const hours = (h: number) => `2026-11-10T${String(h).padStart(2, "0")}:00`;
    const site = generatedSite({ title: "T", url: "https://t.example", nav: [{ key: "a", title: "A" }, { key: "b", title: "B" }] }, [
      { slug: "p", section: "a", date: hours(8), tags: ["Harbour", "Budget"] },
      ...Array.from({ length: 10 }, (_, i) => ({ slug: `b${i + 1}`, section: "b", date: hours(9 + i), tags: ["Harbour", "Budget"] })),
      { slug: "q", section: "a", date: hours(20), tags: ["Harbour", "Budget"] },
    ]);
    folders.push(site);
    const { newsroom } = readNewsroom(site, "2026-11-30T12:00:00Z");
    // P shares both tags and the section with Q: it comes first, although ten stories came between.
    expect(newsroom!.relatedTo(newsroom!.articles.find((a) => a.slug === "q")!)[0]!.slug).toBe("p");
  });

  it("look only at a story's neighbours in time on each list, so an archive twice as large costs twice as much", () => {
    // 20,000 stories on one tag: were every pair compared, 200 million comparisons.
    const articles = Array.from({ length: 20_000 }, (_, i) => ({
      url: `/news/s${i}/`, published: { ms: 2e12 - i * 60_000 }, section: { key: "news" }, tags: [{ slug: "everything" }],
    })) as unknown as PublishedArticle[];
    let lookups = 0;
    const counted = articles.map((article) => new Proxy(article, { get: (target, key) => (key === "published" && lookups++, Reflect.get(target, key)) }));
    const related = relatedStories(counted);
    expect(related.get(counted[10_000]!)!.map((a) => a.url)).toEqual(["/news/s9999/", "/news/s10001/", "/news/s9998/", "/news/s10002/"]);
    expect(lookups).toBeLessThan(articles.length * 200);
  });
});
