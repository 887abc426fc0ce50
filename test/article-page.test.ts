import { beforeAll, describe, expect, it } from "vitest";
import type { CheerioAPI } from "cheerio";
import path from "node:path";
import { readFileSync, writeFileSync } from "node:fs";
import { buildSite, epoch, FIXTURES, readNewsroom, writeSite, type BuiltSite } from "./helpers/site.ts";
import { malformedOutputs } from "./helpers/validators.ts";

const WIRE = path.join(FIXTURES, "wire");
const STORY = "/news/russia/duma-ready-for-talks/";
const HEADLINE = "Lawmakers ready for talks with partners on security";

/** Positions in document order, so a test can say "this comes before that". */
function positions($: CheerioAPI, selectors: string[]): number[] {
  const all = $("*").toArray();
  return selectors.map((selector) => {
    const found = $(selector).first().get(0);
    expect(found, `${selector} is on the page`).toBeDefined();
    return all.indexOf(found!);
  });
}

const squeeze = (text: string) => text.replace(/\s+/g, " ").trim();

describe("an article page", () => {
  let site: BuiltSite;
  let $: CheerioAPI;
  beforeAll(async () => {
    site = await buildSite(WIRE, { SOURCE_DATE_EPOCH: epoch("2022-01-19T12:00:00Z") });
    expect(site.stderr).not.toMatch(/error/i);
    expect(site.code).toBe(0);
    $ = site.page(STORY);
  });

  it("has every part of the reference page, in its order", () => {
    const order = positions($, [
      ".topbar time",
      ".nameplate",
      "nav.sections",
      "nav[aria-label=Breadcrumb]",
      "h1",
      ".dek",
      ".byline",
      ".story-body p",
      ".story-tags a[rel=tag]",
      ".comment-list",
      "#respond h2",
      ".sidebar .popular h2",
      ".sidebar .recent-comments h2",
    ]);
    expect(order).toEqual([...order].sort((a, b) => a - b));

    const text = squeeze($("body").text());
    const expected = [
      "Wednesday, January 19, 2022",
      "Example Wire",
      "Home News Russia News " + HEADLINE,
      HEADLINE,
      "MOSCOW, December 24. /TASS/. The committee is ready",
      "Leave a Reply",
      "Most Popular",
      "Recent Comments",
    ];
    let from = 0;
    for (const part of expected) {
      const at = text.indexOf(part, from);
      expect(at, `"${part}" after position ${from}`).toBeGreaterThanOrEqual(from);
      from = at + part.length;
    }
  });

  it("is one of a site whose every XML and JSON file is well-formed", async () => {
    expect(await malformedOutputs(site.output)).toEqual([]);
  });

  it("shows the top bar's date, the site's title and the section navigation", () => {
    expect($(".topbar time").text()).toBe("Wednesday, January 19, 2022");
    expect($(".topbar time").attr("datetime")).toBe("2022-01-19");
    expect($(".nameplate").text()).toBe("Example Wire");
    expect($("nav.sections > .wrap:not(.subsections) a").map((_, a) => $(a).text()).get()).toEqual(["Home", "News", "Business"]);
    expect($("nav.sections a[aria-current]").map((_, a) => $(a).text()).get()).toEqual(["News", "Russia News"]);
  });

  it("has breadcrumbs Home › News › Russia News › headline, every crumb but the last a link", () => {
    const crumbs = $("nav[aria-label=Breadcrumb] li");
    expect(crumbs.map((_, li) => $(li).text().trim()).get()).toEqual(["Home", "News", "Russia News", HEADLINE]);
    expect(crumbs.find("a").map((_, a) => $(a).attr("href")).get()).toEqual(["/", "/news/", "/news/russia/"]);
    expect(crumbs.last().find("a")).toHaveLength(0);
    expect(crumbs.last().find("[aria-current=page]")).toHaveLength(1);
  });

  it("has the headline as its only h1, then the dek, byline and times", () => {
    expect($("h1")).toHaveLength(1);
    expect($("h1").text()).toBe(HEADLINE);
    expect($("title").text()).toBe(`${HEADLINE} – Example Wire`);
    expect($(".dek").text()).toBe("The committee chairman said parliament is ready for inter-parliamentary contacts.");
    expect(squeeze($(".byline .authors").text())).toBe("By Anna Petrova and Ivan Sidorov");
    expect($(".byline .authors a").first().attr("href")).toBe("/authors/anna-petrova/");
    const times = $(".byline time").map((_, t) => $(t).attr("datetime")).get();
    expect(times).toEqual(["2021-12-24T02:30:00+03:00", "2021-12-24T10:15:00+03:00"]);
    expect(squeeze($(".byline").text())).toContain("Updated December 24, 2021 at 10:15 AM");
  });

  it("opens the first paragraph with the dateline in the article's time zone (23:30 UTC is the next day in Moscow)", () => {
    const first = $(".story-body p").first();
    expect(first.find(".dateline").text()).toBe("MOSCOW, December 24. /TASS/.");
    expect(squeeze(first.text())).toMatch(/^MOSCOW, December 24\. \/TASS\/\. The committee is ready/);
    expect($(".story-body h2").text()).toBe("What comes next");
  });

  it("links the tags once each, whatever their case", () => {
    const tags = $(".story-tags a[rel=tag]");
    expect(tags.map((_, a) => `${$(a).text()} ${$(a).attr("href")}`).get()).toEqual(["Security /tags/security/", "Parliament /tags/parliament/"]);
  });

  it("offers plain links to share the story, its address and headline encoded for each network, and no reading time unless asked", () => {
    const links = $(".share a");
    expect(links.map((_, a) => $(a).text()).get()).toEqual(["Email", "X", "Facebook", "LinkedIn", "WhatsApp", "Telegram", "Bluesky"]);
    const url = encodeURIComponent("https://wire.example.org/news/russia/duma-ready-for-talks/");
    expect(links.eq(2).attr("href")).toBe(`https://www.facebook.com/sharer/sharer.php?u=${url}`);
    expect(links.eq(0).attr("href")).toMatch(new RegExp(`^mailto:\\?subject=[^&]+&body=${url.replace(/[.%]/g, "\\$&")}$`));
    expect(links.eq(1).attr("aria-label")).toBe("Share on X");
    expect($(".byline").text()).not.toMatch(/min read/);
  });

  it("shows the comments, oldest first, then the reply form posting name, text and slug", () => {
    const comments = $(".comment-list > li");
    expect(comments.map((_, li) => $(li).attr("id")).get()).toEqual(["comment-c1", "comment-c2"]);
    expect(comments.first().find("p").slice(1).map((_, p) => $(p).text()).get()).toEqual(["First comment.", "Second paragraph."]);
    const form = $("#respond form");
    expect(form.attr("action")).toBe("https://comments.example.org/submit");
    expect(form.attr("method")).toBe("post");
    expect(form.find("[name]").map((_, el) => $(el).attr("name")).get()).toEqual(["slug", "name", "text"]);
    expect(form.find("[name=slug]").attr("value")).toBe("duma-ready-for-talks");
    // An input says what it takes: validators flag one without a type.
    expect(form.find("input").map((_, el) => $(el).attr("type")).get()).toEqual(["hidden", "text"]);
  });

  it("shows a comment's markup as the text the reader typed", () => {
    const html = site.read(`${STORY.slice(1)}index.html`);
    expect(html.replace(/<script type="application\/ld\+json">[^<]*<\/script>/g, "")).not.toContain("<script");
    expect(html).not.toContain("<b>bold");
    const second = $("#comment-c2");
    expect(second.find(".comment-author").text()).toBe("<script>alert('x')</script>");
    expect(second.find("p").last().text()).toBe("Nice <script>alert(1)</script> & <b>bold</b>");
  });

  it("lists Most Popular in the site's order, leaving out unknown slugs and drafts with a warning", () => {
    const popular = $(".popular li a").map((_, a) => $(a).attr("href")).get();
    expect(popular).toEqual([STORY, "/business/grain-exports-rise/"]);
    expect(site.stderr).toContain('_data/site.json: popular: "no-such-story" is not the slug of any article; left out of Most Popular');
    expect(site.stderr).toContain('"held-budget-draft" is a draft');
  });

  it("lists the newest comments across the site under Recent Comments, linking to each comment", () => {
    const links = $(".recent-comments li a").map((_, a) => $(a).attr("href")).get();
    expect(links).toEqual([`${STORY}#comment-c2`, `${STORY}#comment-c1`]);
  });

  it("writes a dateline without a source, and says comments are closed where the article closes them", () => {
    const grain = site.page("/business/grain-exports-rise/");
    expect(grain(".story-body .dateline").text()).toBe("ROSTOV-ON-DON, December 20.");
    expect(grain("#respond form")).toHaveLength(0);
    expect(grain("#respond").text()).toContain("Comments are closed");
  });

  it("publishes no draft or embargoed article's text, slug or tag anywhere", () => {
    const everything = site.everything();
    for (const secret of ["UNPUBLISHED-DRAFT-TEXT", "held-budget-draft", "Draft budget story", "EMBARGOED-BODY-TEXT", "embargoed-result", "EmbargoOnlyTag", "embargoonlytag"]) {
      expect(everything).not.toContain(secret);
    }
    expect(site.files().filter((file) => file.includes("held-budget-draft") || file.includes("embargoed-result"))).toEqual([]);
    expect(site.files()).toContain("news/russia/duma-ready-for-talks/index.html");
  });
});

describe("the build clock", () => {
  it("dates the top bar by the build clock in the site's zone when site.json has no headerDate", () => {
    const input = writeSite({}, WIRE);
    const siteJson = path.join(input, "_data/site.json");
    const data = JSON.parse(readFileSync(siteJson, "utf8"));
    delete data.headerDate;
    writeFileSync(siteJson, JSON.stringify(data));
    // 22:30 UTC on March 14 is already March 15 in Moscow.
    const { newsroom } = readNewsroom(input, "2023-03-14T22:30:00Z");
    expect(newsroom!.headerDate).toEqual({ iso: "2023-03-15", live: true, text: "Wednesday, March 15, 2023" });
  });

  it("names midnight in the site's zone as a clock change while the top bar follows the clock, and not when headerDate fixes it", () => {
    const input = writeSite({}, WIRE);
    const siteJson = path.join(input, "_data/site.json");
    const data = JSON.parse(readFileSync(siteJson, "utf8"));
    expect(data.headerDate).toBeDefined();
    const late = "2030-06-01T12:00:00Z";
    expect(readNewsroom(input, late).newsroom!.nextChange).toEqual({ at: "2099-01-01T03:00:00Z", reason: expect.stringMatching(/^embargo lifts on /) });
    expect(readNewsroom(input, late).newsroom!.headerDate.live).toBe(false);
    delete data.headerDate;
    writeFileSync(siteJson, JSON.stringify(data));
    // Moscow is three hours ahead of UTC: its June 2 begins at 21:00 UTC on June 1.
    expect(readNewsroom(input, late).newsroom!.nextChange).toEqual({ at: "2030-06-01T21:00:00Z", reason: "the top bar's date turns to 2030-06-02" });
  });

  it("lifts an embargo once the clock passes the article's date", () => {
    const before = readNewsroom(WIRE, "2022-01-19T12:00:00Z").newsroom!;
    const after = readNewsroom(WIRE, "2099-01-01T04:00:00Z").newsroom!;
    const embargoed = (newsroom: typeof before) => newsroom.articles.filter((article) => article.url === "/news/world/embargoed-result/").map((a) => a.title);
    expect(embargoed(before)).toEqual([]);
    expect(embargoed(after)).toEqual(["Embargoed result story"]);
    expect(after.articles.map((article) => article.body).join("\n")).not.toContain("UNPUBLISHED-DRAFT-TEXT");
  });
});
