import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildSite, epoch, FIXTURES, readNewsroom, writeSite, type BuiltSite } from "./helpers/site.ts";
import { ninjsErrors } from "./helpers/validators.ts";

const CLOCK = "2024-03-11T12:00:00Z";
const BASE = "https://ledger.example.com";
const LIVE = `---
title: "Storm closes the harbour"
date: 2024-03-09T08:00
section: news
live: true
dateline: { place: LONDON }
authors: [Mara Quinn]
updates:
  - time: 2024-03-09T09:30
    title: Ferries cancelled
    text: "All ferries are **cancelled** until noon."
  - time: 2024-03-11T10:15
    text: "The harbour master says the storm is easing."
  - time: 2024-03-11T18:00
    text: "LATER-UPDATE-WORD: the harbour reopens."
---
A storm closed the harbour on Saturday morning.
`;

let site: string;
let built: BuiltSite;
beforeAll(async () => {
  site = writeSite({ "posts/storm-live.md": LIVE }, path.join(FIXTURES, "desk"));
  built = await buildSite(site, { SOURCE_DATE_EPOCH: epoch(CLOCK) });
  expect(built.code, built.stderr).toBe(0);
});
afterAll(() => rmSync(site, { recursive: true, force: true }));

describe("live coverage", () => {
  it("shows the updates the clock has reached, newest first, each with its time and an anchor that does not change", () => {
    const page = built.page("/news/storm-live/");
    const updates = page(".live-update");
    expect(updates.map((_, el) => page(el).attr("id")).get()).toEqual(["update-20240311T101500", "update-20240309T093000"]);
    expect(updates.first().find("time").attr("datetime")).toBe("2024-03-11T10:15:00+00:00");
    expect(updates.last().find("h3").text()).toContain("Ferries cancelled");
    expect(updates.last().find("strong").text()).toBe("cancelled");
    expect(page(".kicker .live-badge").text()).toBe("Live");
    // An update dated after the build clock waits for a build after its time, as the summary says.
    expect(built.everything()).not.toContain("LATER-UPDATE-WORD");
    expect(built.stdout).toContain("next change by the clock: 2024-03-11T18:00:00Z (an update of posts/storm-live.md comes due)");
  });

  it("is a LiveBlogPosting with its coverage times and its updates, and modified at its latest update", () => {
    const page = built.page("/news/storm-live/");
    const [posting] = page('script[type="application/ld+json"]').map((_, s) => JSON.parse(page(s).html()!)).get();
    expect(posting).toMatchObject({ "@type": "LiveBlogPosting", coverageStartTime: "2024-03-09T08:00:00+00:00", dateModified: "2024-03-11T10:15:00+00:00" });
    expect(posting.coverageEndTime).toBeUndefined();
    expect(posting.liveBlogUpdate.map((update: { url: string; headline: string }) => [update.url, update.headline])).toEqual([
      [`${BASE}/news/storm-live/#update-20240311T101500`, "Storm closes the harbour"],
      [`${BASE}/news/storm-live/#update-20240309T093000`, "Ferries cancelled"],
    ]);
  });

  it("leads its section's front while live, older than the stories below it, and its ninjs carries the updates", () => {
    const front = built.page("/news/");
    expect(front(".teaser-headline a").first().attr("href")).toBe("/news/storm-live/");
    expect(front(".teaser .live-badge").length).toBe(1);
    const item = JSON.parse(built.read("news/storm-live/ninjs.json"));
    expect(ninjsErrors(item)).toEqual([]);
    // Two updates shown: its third version, for wire clients that follow (uri, version).
    expect(item.version).toBe("3");
    expect(item.bodies[0].value).toContain("The harbour master says the storm is easing.");
  });

  it("once no longer live, ends its coverage at its last update and takes its place by date; an update before its story is refused", () => {
    const ended = writeSite({ "posts/storm-live.md": LIVE.replace("live: true", "live: false") }, path.join(FIXTURES, "desk"));
    const read = readNewsroom(ended, CLOCK);
    rmSync(ended, { recursive: true, force: true });
    const story = read.newsroom!.articles.find((article) => article.slug === "storm-live")!;
    expect([story.live, story.coverageEnded?.iso]).toEqual([false, "2024-03-11T10:15:00+00:00"]);
    const news = read.newsroom!.fronts.find((front) => front.url === "/news/")!;
    expect(news.articles[0]!.slug).not.toBe("storm-live");
    const early = writeSite({ "posts/storm-live.md": LIVE.replace("2024-03-09T09:30", "2024-03-08T09:30") }, path.join(FIXTURES, "desk"));
    expect(readNewsroom(early, CLOCK).problems).toEqual(["posts/storm-live.md: updates[0].time: 2024-03-08T09:30 is before the story was published; an update comes after its story"]);
    rmSync(early, { recursive: true, force: true });
  });
});

describe("what the build refuses of live stories and syndication", () => {
  it("two updates at one time, a hub with a password, a permalink inside a story's ninjs file", () => {
    const twice = LIVE.replace("2024-03-11T10:15", "2024-03-09T09:30");
    const dir = writeSite({
      "posts/storm-live.md": twice,
      "posts/inside.md": "---\ntitle: Inside\ndate: 2024-03-10T10:00\nsection: news\npermalink: /news/storm-live/ninjs.json/x/\n---\nText.\n",
    }, path.join(FIXTURES, "desk"));
    const settings = path.join(dir, "_data/site.json");
    writeFileSync(settings, readFileSync(settings, "utf8").replace('"popular"', '"hub": "https://user:secret@hub.example/",\n  "popular"'));
    const problems = readNewsroom(dir, CLOCK).problems;
    rmSync(dir, { recursive: true, force: true });
    expect(problems).toEqual(["_data/site.json: hub: must be the hub's address alone: no user name or password, spaces or #fragment"]);
    const content = writeSite({ "posts/storm-live.md": LIVE, "posts/inside.md": "---\ntitle: Inside\ndate: 2024-03-10T10:00\nsection: news\npermalink: /news/storm-live/ninjs.json/x/\n---\nText.\n" }, path.join(FIXTURES, "desk"));
    const found = readNewsroom(content, CLOCK).problems;
    rmSync(content, { recursive: true, force: true });
    expect(found).toEqual(["posts/inside.md: permalink: /news/storm-live/ninjs.json/x/ is inside /news/storm-live/ninjs.json, the address of posts/storm-live.md; choose another permalink"]);
    const same = writeSite({ "posts/storm-live.md": twice }, path.join(FIXTURES, "desk"));
    const duplicate = readNewsroom(same, CLOCK).problems;
    rmSync(same, { recursive: true, force: true });
    expect(duplicate).toEqual(["posts/storm-live.md: updates[1].time: is the time of updates[0] too; each update has its own time, which names its anchor"]);
  });
});

