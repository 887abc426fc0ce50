import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { buildSite, epoch, FIXTURES, readNewsroom, ROOT, sitePaths, writeSite } from "./helpers/site.ts";
import { BuildSession } from "../src/eleventy/session.ts";
import { readLabelFolder, readLabelsFile } from "../src/content/data-files.ts";
import { makeLabelBook } from "../src/model/labels.ts";

const WIRE = path.join(FIXTURES, "wire");

describe("content that cannot be published", () => {
  it("names every file and field to fix, all at once", () => {
    const input = writeSite(
      {
        "posts/bad.md": "---\ntitle: \"\"\ndate: 2025-02-30\nsection: sports\ntags: [ok, 42]\n---\nBody\n",
        "posts/no-front-matter.md": "Just words.\n",
        "posts/news/copy.md": "---\ntitle: Copy\ndate: 2021-12-20T10:00\nsection: business\nslug: grain-exports-rise\n---\nBody\n",
        "posts/zone.md": "---\ntitle: Zone\ndate: 2021-12-20T10:00\nsection: news\ntimezone: Mars/Olympus\n---\nBody\n",
      },
      WIRE,
    );
    const { newsroom, problems: lines } = readNewsroom(input, "2022-01-19T12:00:00Z");
    expect(newsroom).toBeUndefined();
    const expected = [
      "posts/bad.md: title: must not be empty (the headline)",
      "posts/bad.md: tags[1]: each tag must be text (put it in quotes)",
      'posts/bad.md: section: "sports" is not a section in _data/site.json (known: news, russia, world, business)',
      'posts/bad.md: date: "2025-02-30" is not a valid date',
      "posts/no-front-matter.md: has no front matter",
      'posts/zone.md: timezone: "Mars/Olympus" is not an IANA time zone',
      "posts/news/copy.md: url: /business/grain-exports-rise/ is also the address of posts/business/grain-exports-rise.md",
    ];
    for (const line of expected) expect(lines.some((l) => l.includes(line)), line).toBe(true);
    expect(lines).toHaveLength(expected.length);
  });

  it("names the field of site.json that is wrong", () => {
    const input = writeSite(
      { "_data/site.json": JSON.stringify({ title: "X", url: "not a url", timezone: "Mars/Olympus", nav: [{ key: "News", title: "News" }] }) },
      WIRE,
    );
    const { newsroom, problems } = readNewsroom(input, "2022-01-19T12:00:00Z");
    expect(newsroom).toBeUndefined();
    const lines = problems.join("\n");
    expect(lines).toContain("_data/site.json: url: must be the site's absolute address");
    expect(lines).toContain('_data/site.json: timezone: "Mars/Olympus" is not an IANA time zone');
    expect(lines).toContain("_data/site.json: nav[0].key: must be lowercase letters, digits and hyphens");
  });

  it("holds back a draft with broken front matter with a warning instead of stopping the newsroom", () => {
    const input = writeSite({ "posts/wip.md": "---\ntitle: Work in progress\ndraft: true\nsection: nowhere\n---\nNot ready.\n" }, WIRE);
    const { newsroom, warnings } = readNewsroom(input, "2022-01-19T12:00:00Z");
    expect(warnings).toContain("posts/wip.md: date: is required (the publication time, ISO 8601, e.g. 2021-12-23T18:30) (a draft, so not published)");
    expect(newsroom!.articles.map((article) => article.title)).not.toContain("Work in progress");
    expect(newsroom!.articles.length).toBeGreaterThan(0);
  });
});

describe("files published as they are", () => {
  it("may not take an address the generator or an article writes", () => {
    const input = writeSite({ "public/robots.txt": "User-agent: *\n", "public/news/index.html": "<p>old</p>", "public/business/grain-exports-rise/index.html": "<p>old</p>", "public/CNAME": "wire.example.org\n" }, WIRE);
    const { newsroom, problems } = readNewsroom(input, "2022-01-19T12:00:00Z");
    expect(newsroom).toBeUndefined();
    expect(problems.sort()).toEqual([
      "public/business/grain-exports-rise/index.html: is published at /business/grain-exports-rise/index.html, the address of the article posts/business/grain-exports-rise.md, which Dateline writes; remove or rename it",
      "public/news/index.html: is published at /news/index.html, the address of the News front, which Dateline writes; remove or rename it",
      "public/robots.txt: is published at /robots.txt, the address of robots.txt, which Dateline writes; remove or rename it",
    ]);
  });
});

describe("site.json's labels", () => {
  it("reword the site's language's labels, and a key that is no label stops the build with the labels there are", () => {
    const settings = JSON.parse(readFileSync(path.join(WIRE, "_data/site.json"), "utf8"));
    const labelsOf = (labels: Record<string, string>) => {
      const input = writeSite({ "_data/site.json": JSON.stringify({ ...settings, labels }) }, WIRE);
      const session = new BuildSession({ env: { SOURCE_DATE_EPOCH: epoch("2022-01-19T12:00:00Z") }, preview: false, onSummary: () => undefined });
      return session.labels(sitePaths(input)).forLanguage("en");
    };
    expect(labelsOf({ recentComments: "Readers Write", "comments.one": "{count} letter" })).toMatchObject({ recentComments: "Readers Write", "comments.one": "{count} letter", home: "Home" });
    expect(() => labelsOf({ hoem: "Front" })).toThrow(/_data\/site\.json: labels\.hoem: is not a label \(known: home, section, .*comments\.one, /);
  });
});

describe("a site's own templates", () => {
  it("override the theme's partial of the same name and leave the rest", async () => {
    const input = writeSite({ "_includes/partials/popular.njk": '<section class="widget"><h2>Editors’ Picks</h2></section>' }, WIRE);
    const site = await buildSite(input);
    expect(site.code).toBe(0);
    const $ = site.page("/news/russia/duma-ready-for-talks/");
    expect($(".sidebar h2").first().text()).toBe("Editors’ Picks");
    expect($(".sidebar .recent-comments h2").text()).toBe("Recent Comments");
  });
});

describe("a site's own labels", () => {
  const theme = readLabelFolder(path.join(ROOT, "_includes/labels"), (file) => `labels/${file}`);
  const book = (own: Record<string, unknown>, field?: string) =>
    makeLabelBook({ theme, site: new Map(), own: [{ file: "_includes/labels.json", field, labels: own as Record<string, string> }], siteLanguage: "en" });
  it("reword the theme's, key by key, and are refused with their file and key when they are not text or not labels", () => {
    const ok = writeSite({ "labels.json": '{ "home": "Front page" }' });
    expect(book(readLabelsFile(path.join(ok, "labels.json"), "_includes/labels.json")).forLanguage("en")).toMatchObject({ home: "Front page", tags: "Tags" });
    expect(() => book({ hom: "x", "comments.few": "y" })).toThrow(/_includes\/labels.json: hom: is not a label \(known: home, .*comments\.one, comments\.other.*\)/);
    expect(() => book({ comments: "x" })).toThrow(/comments: is counted: give its forms, comments\.one and comments\.other/);
    expect(() => book({ "comments.few": "y" })).not.toThrow();
    expect(() => book({ hom: "x" }, "labels")).toThrow(/_includes\/labels.json: labels.hom: is not a label/);
    const bad = writeSite({ "labels.json": '{ "home": 5, "tags": "Tags\\f" }', "broken.json": '{ "home": ' });
    expect(() => readLabelsFile(path.join(bad, "labels.json"), "_includes/labels.json")).toThrow(/_includes\/labels.json: home: must be text\n {2}_includes\/labels.json: tags: contains U\+000C/);
    expect(() => readLabelsFile(path.join(bad, "broken.json"), "_includes/labels.json")).toThrow(/_includes\/labels.json: is not valid JSON/);
  });
});

