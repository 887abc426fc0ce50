import { describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { formatDateline } from "../src/content/dateline.ts";
import { parseContentDate, formatHeaderDate } from "../src/content/dates.ts";
import { splitArticle } from "../src/content/frontmatter.ts";
import { buildSections, breadcrumbs } from "../src/model/sections.ts";
import { buildClock } from "../src/content/clock.ts";
import { toSlug } from "../src/content/slugs.ts";
import { createArticleMarkdown } from "../src/eleventy/markdown.ts";

describe("dates", () => {
  it("reads a time without an offset in the given zone, and one with an offset as that instant", () => {
    const local = parseContentDate("2021-12-23T18:30", "Europe/Moscow");
    expect(local.ok && local.value.toISO()).toBe("2021-12-23T18:30:00.000+03:00");
    const utc = parseContentDate("2021-12-23T23:30:00Z", "Europe/Moscow");
    expect(utc.ok && utc.value.toISO()).toBe("2021-12-24T02:30:00.000+03:00");
    const spaced = parseContentDate("2021-12-23 18:30", "UTC");
    expect(spaced.ok && spaced.value.toISO()).toBe("2021-12-23T18:30:00.000Z");
  });

  it("rejects impossible dates instead of rolling them over", () => {
    const bad = parseContentDate("2025-02-30", "UTC");
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.reason).toContain('"2025-02-30" is not a valid date');
  });

  it("writes the top bar's date in the site's language", () => {
    const day = DateTime.fromISO("2022-01-19", { zone: "Europe/Moscow" });
    expect(formatHeaderDate(day, "en")).toBe("Wednesday, January 19, 2022");
    expect(formatHeaderDate(day, "ru")).toBe("среда, 19 января 2022 г.");
  });

  it("takes the build clock from SOURCE_DATE_EPOCH, and refuses one that is not whole seconds", () => {
    expect(buildClock({ SOURCE_DATE_EPOCH: "1640302200" }).toISO()).toBe("2021-12-23T23:30:00.000Z");
    expect(() => buildClock({ SOURCE_DATE_EPOCH: "yesterday" })).toThrow(/SOURCE_DATE_EPOCH: "yesterday" must be whole seconds/);
    expect(() => buildClock({ SOURCE_DATE_EPOCH: "99999999999999" })).toThrow(/SOURCE_DATE_EPOCH: "99999999999999" is after the year 9999/);
  });
});

describe("the dateline", () => {
  const published = DateTime.fromISO("2021-12-24T02:30", { zone: "Europe/Moscow" });
  it("fills the site's format", () => {
    expect(formatDateline("{place}, {date}. /{source}/.", "LLLL d", { place: "MOSCOW", source: "TASS" }, published, "en")).toBe("MOSCOW, December 24. /TASS/.");
  });
  it("leaves out the source's part when there is no source", () => {
    expect(formatDateline("{place}, {date}. /{source}/.", "LLLL d", { place: "MOSCOW" }, published, "en")).toBe("MOSCOW, December 24.");
    expect(formatDateline("{place} ({source}) —", "d MMM", { place: "PARIS" }, published, "en")).toBe("PARIS —");
  });
});

describe("front matter", () => {
  it("keeps dates as text, so they can be checked, and accepts BOM and CRLF", () => {
    const split = splitArticle("\uFEFF---\r\ntitle: A\r\ndate: 2025-02-30\r\n---\r\nBody\r\n");
    expect(split).toEqual({ ok: true, data: { title: "A", date: "2025-02-30" }, body: "Body\n" });
  });
  it("refuses front matter that is not YAML, and says what is wrong with broken YAML", () => {
    const js = splitArticle("---js\n{ title: 'x' }\n---\nBody");
    expect(js.ok === false && js.message).toBe("front matter must be YAML ('---'), not '---js'");
    const broken = splitArticle("---\ntitle: [unclosed\n---\nBody");
    expect(broken.ok === false && broken.message).toMatch(/^front matter is not valid YAML/);
    const none = splitArticle("Just a body");
    expect(none.ok === false && none.message).toMatch(/^has no front matter/);
    const duplicate = splitArticle("---\ntitle: a\ntitle: b\n---\nBody");
    expect(duplicate.ok === false && duplicate.message).toMatch(/not valid YAML \(line 3\): duplicated mapping key/);
  });
});

describe("sections", () => {
  const nav = [
    { key: "news", title: "News", children: [{ key: "russia", title: "Russia News" }] },
    { key: "business", title: "Business" },
  ];
  it("gives nested sections nested URLs and breadcrumbs", () => {
    const { tree, problems } = buildSections(nav, "_data/site.json");
    expect(problems).toEqual([]);
    const russia = tree.byKey.get("russia")!;
    expect(russia.url).toBe("/news/russia/");
    expect(russia.trail).toEqual(["news", "russia"]);
    expect(breadcrumbs(russia, "Headline")).toEqual([
      { label: "home", url: "/" },
      { title: "News", url: "/news/" },
      { title: "Russia News", url: "/news/russia/" },
      { title: "Headline" },
    ]);
    expect(breadcrumbs(russia)).toEqual([{ label: "home", url: "/" }, { title: "News", url: "/news/" }, { title: "Russia News" }]);
  });
  it("names a key used twice", () => {
    const { problems } = buildSections([...nav, { key: "news", title: "Again" }], "_data/site.json");
    expect(problems).toEqual([{ file: "_data/site.json", field: "nav[2].key", message: '"news" is used by two sections; each section needs its own key' }]);
  });
});

describe("slugs", () => {
  it("transliterates where it can and never returns an empty slug", () => {
    expect(toSlug("Security")).toBe("security");
    expect(toSlug("Госдума")).toBe("gosduma");
    // A site that keeps its own letters (site.json's slugs: "native").
    expect(toSlug("Северный флот", "native")).toBe("северный-флот");
    expect(toSlug("الموانئ الكبرى", "native")).toBe("الموانئ-الكبرى");
    expect(toSlug("Security", "native")).toBe("security");
    expect(toSlug("東京 ニュース")).toBe("東京-ニュース");
  });
});

describe("article markdown", () => {
  const md = createArticleMarkdown({ html: false });
  it("renders raw HTML and script links as text and keeps template syntax as written", () => {
    const html = md.render("<script>x()</script>\n\n[click](javascript:alert(1)) {{ site.title }} {% raw %}");
    expect(html).not.toContain("<script");
    expect(html).not.toContain('href="javascript');
    expect(html).toContain("{{ site.title }} {% raw %}");
  });
  it("opens the first top-level paragraph with the dateline, or a paragraph of its own when there is none", () => {
    expect(md.render("> Quoted\n\n## Heading\n\nText", { dateline: "OSLO, May 1." })).toContain('<h2>Heading</h2>\n<p><span class="dateline">OSLO, May 1.</span> Text</p>');
    expect(md.render("## Only a heading", { dateline: "OSLO, May 1." })).toMatch(/^<p><span class="dateline">OSLO, May 1\.<\/span> <\/p>\n?<h2>/);
  });
});

describe("a page's <title>", () => {
  it("keeps to the 70 characters a search result shows: the site's name, its short name, or the heading alone", async () => {
    const { pageTitle } = await import("../src/eleventy/filters.ts");
    const site = { title: "The Northern Harbour Courier", shortTitle: "NHC" };
    expect(pageTitle("Ferry runs at night", site)).toBe("Ferry runs at night – The Northern Harbour Courier");
    const long = "Harbour authority approves a night ferry to the outer islands";
    expect(pageTitle(long, site)).toBe(`${long} – NHC`);
    expect(pageTitle(long, { title: site.title })).toBe(long);
    expect(pageTitle(`${long} after a year of talks`, site)).toBe(`${long} after a year of talks`);
  });
});

describe("front matter an editor got wrong", () => {
  it("says how to fix a colon in a headline, quotes inside quotes, a value opening with [ or *, a tab and an unclosed quote", () => {
    const message = (yaml: string) => {
      const split = splitArticle(`---\n${yaml}\n---\nText.`);
      return split.ok ? "" : split.message.replace(/^front matter is not valid YAML \(line (\d+)\): [^;]*; /, "$1: ");
    };
    expect(message("title: Breaking: news at the port\ndate: 2026-11-20")).toBe('2: a colon followed by a space inside a value ends it: put the value in quotes, title: "Breaking: news at the port"');
    expect(message('title: "Mayor says "no" to ferry"')).toBe(`2: a value in double quotes cannot hold another double quote: put it in single quotes, title: 'Mayor says "no" to ferry'`);
    expect(message("title: 'Mayor's ferry'")).toBe('2: an apostrophe inside single quotes ends the value: put it in double quotes, title: "Mayor\'s ferry"');
    expect(message("title: [Update] ferry sinks")).toBe('2: a value starting with [ must be in quotes: title: "[Update] ferry sinks"');
    expect(message("title: *Exclusive* story")).toBe('2: a value starting with * must be in quotes: title: "*Exclusive* story"');
    expect(message("dateline: { place: ST. PETERSBURG: NORTH }")).toMatch(/^2: inside \{ \} or \[ \], a value with a colon, comma or bracket must be in quotes/);
    expect(message("title: Ferry\n\tdate: 2026-11-20")).toBe("3: indent with spaces, not tabs");
    expect(message('title: "Ferry\ndate: 2026-11-20\nsection: news')).toBe("5: a quote opened in a value (line 2) is not closed: close it at the end of the value");
  });
});
