import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { splitArticle } from "../src/content/frontmatter.ts";
import { importWordPress, ImportError, type ImportReport } from "../src/cli/wordpress/import.ts";
import { WxrError } from "../src/cli/wordpress/wxr.ts";
import { checkLinks } from "../src/publish/links.ts";
import { buildSite, epoch, FIXTURES, readNewsroom, runScript, snapshot, type BuiltSite } from "./helpers/site.ts";

const WORDPRESS = path.join(FIXTURES, "wordpress");
const EXPORT = path.join(WORDPRESS, "export.xml");
const UPLOADS = path.join(WORDPRESS, "uploads");
const CLOCK = "2026-11-30T12:00:00Z";
/** Words only held-back posts, left-out comments and things that are not stories have: none may be published. */
const SECRETS = ["DRAFT-WORD", "PRIVATE-WORD", "PENDING-POST-WORD", "PASSWORD-WORD", "SCHEDULED-WORD", "SPAM-WORD", "PENDING-WORD", "PINGBACK-WORD", "TRACKBACK-WORD", "TRASH-WORD", "PAGE-WORD", "Секрет"];

const folders: string[] = [];
function freshSite(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "dateline-wp-"));
  folders.push(dir);
  cpSync(path.join(WORDPRESS, "site"), dir, { recursive: true });
  return dir;
}
const run = (site: string, options: { force?: boolean; file?: string; uploads?: string | undefined } = {}) =>
  importWordPress({ file: options.file ?? EXPORT, site, uploads: "uploads" in options ? options.uploads : UPLOADS, force: options.force ?? false });
const article = (site: string, file: string) => {
  const split = splitArticle(readFileSync(path.join(site, file), "utf8"));
  if (!split.ok) throw new Error(split.message);
  return split;
};

let site: string;
let report: ImportReport;
beforeAll(async () => {
  site = freshSite();
  report = await run(site);
});
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

describe("importing a WordPress export", () => {
  it("writes each post as a story in the content contract, with its section's path, headline, times, byline, tags, dek and hero", () => {
    const { data, body } = article(site, "posts/news/world/night-ferry.md");
    expect(data).toEqual({
      title: "Harbour opens night ferry & quay",
      date: "2019-05-12T10:30:00+03:00",
      updated: "2019-05-12T14:00:00+03:00",
      section: "world",
      dateline: { place: "MOSCOW", source: "TASS" },
      authors: ["Jane Doe"],
      tags: ["Ferries", "Outer & Inner Islands"],
      summary: "The first night ferry – a historic route.",
      image: { src: "/media/uploads/2019/05/ferry.jpg", alt: "A white ferry at night", caption: "The night ferry leaves Port Halden.", credit: "Jane Doe/Café" },
      aliases: ["/2019/05/12/night-ferry/"],
    });
    expect(body.startsWith("The harbour authority opened the night ferry on Sunday")).toBe(true);
  });

  it("turns a caption into a captioned picture, a link to another post into its new address, an embed into a link, and keeps an editor's [sic]", () => {
    const { body } = article(site, "posts/news/world/night-ferry.md");
    expect(body).toContain('![The quay at dusk](/media/uploads/2019/05/harbour.jpg "The new quay at dusk. Photo: Jane Doe")');
    expect(body).toContain("[how the quay was paid for](/news/world/europe/quay-budget/)");
    // The anchor #vote was WordPress's markup, which markdown does not keep: the link goes to the story.
    expect(body).toContain("[how the council voted](/news/world/europe/quay-budget/)");
    expect(body).toContain("[an outside report](https://elsewhere.example.org/report)");
    expect(body).toContain("<https://www.youtube.com/watch?v=ferry_2019>");
    expect(body).toContain("history \\[sic\\]");
    expect(body).toContain("It changes everything for the islands.");
    expect(body).not.toMatch(/contact-form|pullquote|\[caption|<!--/);
    expect(report.shortcodes).toEqual(new Map([["contact-form-7", new Set(["posts/news/world/night-ferry.md"])], ["pullquote", new Set(["posts/news/world/night-ferry.md"])]]));
  });

  it("reads block-editor posts: blocks, a gallery as a list of pictures, Co-Authors Plus bylines, closed comments, an AP dateline", () => {
    const { data, body } = article(site, "posts/news/world/europe/quay-budget.md");
    expect(data).toMatchObject({ section: "europe", authors: ["Jane Doe", "Lena Berg"], comments: false, dateline: { place: "BRUSSELS", source: "AP" } });
    expect(body.trimEnd().split("\n\n")).toEqual([
      "The council approved the quay budget on Monday.",
      '![The quay](/media/uploads/2019/05/quay.jpg "The quay, finished")',
      "[The council's vote](https://twitter.com/courier/status/1)",
      '-   ![The quay at dusk](/media/uploads/2019/05/harbour.jpg "The new quay at dusk.")\n-   ![The finished quay](/media/uploads/2019/05/quay.jpg)',
    ]);
  });

  it("makes drafts of drafts, pending, private and password-protected posts, keeps a scheduled post's date, and skips autosaves and the trash", () => {
    for (const file of ["posts/news/private-memo.md", "posts/news/pending-piece.md", "posts/news/members-only.md", "posts/sekret/draft-about-the-secret-plan.md"]) {
      expect(article(site, file).data.draft, file).toBe(true);
    }
    expect(article(site, "posts/sports/season-opener.md").data).toMatchObject({ date: "2099-01-01T12:00:00+03:00", section: "sports" });
    expect(article(site, "posts/sports/season-opener.md").data.draft).toBeUndefined();
    expect(report.stories).toEqual({ published: 5, embargoed: 1, drafts: 4 });
    expect(report.skipped).toEqual(['post 21 "Autosave": an empty auto-draft', 'post 22 "Binned": in the trash']);
    expect(report.warnings).toContain("posts/news/members-only.md: was password-protected in WordPress; imported as a draft, so its text is never published");
    expect(report.notStories).toEqual({ attachment: 3, nav_menu_item: 1, page: 1 });
  });

  it("makes a slug from the headline when WordPress had none, keeps one in another script, and never takes the site's own", () => {
    expect(existsSync(path.join(site, "posts/news/existing-story-2.md"))).toBe(true);
    expect(readFileSync(path.join(site, "posts/news/existing-story.md"), "utf8")).toContain("Written in Dateline before the archive came over.");
    const untitled = article(site, "posts/media-section/причал.md").data;
    expect(untitled).toMatchObject({ title: "Фото дня: the new pier at sunrise, seen from the water.", section: "media-section", aliases: ["/2019/06/05/причал/"] });
  });

  it("adds the sections of published and scheduled stories to nav with their parents, and changes nothing else in site.json", () => {
    const before = readFileSync(path.join(WORDPRESS, "site/_data/site.json"), "utf8");
    const after = readFileSync(path.join(site, "_data/site.json"), "utf8");
    const { nav, ...rest } = JSON.parse(after) as Record<string, unknown>;
    const { nav: _, ...restBefore } = JSON.parse(before) as Record<string, unknown>;
    expect(rest).toEqual(restBefore);
    expect(after.slice(0, after.indexOf('"nav"'))).toBe(before.slice(0, before.indexOf('"nav"')));
    expect(after.slice(after.indexOf('"comments"'))).toBe(before.slice(before.indexOf('"comments"')));
    expect(nav).toEqual([
      { key: "news", title: "News", children: [{ key: "world", title: "World & Nation", children: [{ key: "europe", title: "Europe" }] }] },
      { key: "opinion", title: "Opinion" },
      { key: "sports", title: "Sports" },
      { key: "media-section", title: "Media" },
      { key: "uncategorized", title: "Uncategorized" },
    ]);
    // The draft's category would show its name in every page's navigation.
    expect(report.draftSections).toEqual(["sekret"]);
  });

  it("keeps approved comments only, as plain text without a character a page cannot carry, oldest first, in their threads, and leaves out pingbacks, trackbacks, spam and comments older than their story", () => {
    expect(JSON.parse(readFileSync(path.join(site, "_data/comments/night-ferry.json"), "utf8"))).toEqual([
      { id: 501, author: "Islander", date: "2019-05-12T12:00:00+03:00", text: "At last! The timetable (https://islands.example.org/timetable) is out.\n\nSecond paragraph & more." },
      { id: 502, author: "Anonymous", date: "2019-05-12T13:00:00+03:00", text: "Agreed with the islander.", replyTo: 501 },
      { id: 507, author: "Harbour Master", date: "2019-05-12T14:00:00+03:00", text: "A reply to a comment that was never approved." },
      { id: 508, author: "Ferry Fan", date: "2019-05-12T15:00:00+03:00", text: "Replying to the anonymous reader.", replyTo: 502 },
    ]);
    expect(report.comments).toEqual({ imported: 4, pingbacks: 2, unapproved: 2, early: 1, empty: 0 });
    expect(existsSync(path.join(site, "_data/comments/quay-budget.json"))).toBe(false);
  });

  it("copies the uploads a story shows into media/ (the original for a resized copy) and lists the ones it could not", () => {
    for (const file of ["harbour.jpg", "ferry.jpg", "quay.jpg"]) {
      expect(readFileSync(path.join(site, "media/uploads/2019/05", file)).equals(readFileSync(path.join(UPLOADS, "2019/05", file)))).toBe(true);
    }
    expect(report.photos).toBe(3);
    expect(report.missing).toEqual([`posts/news/world/night-ferry.md: https://old.courier.example.net/wp-content/uploads/2018/01/gone.jpg (not in ${UPLOADS})`]);
    expect(article(site, "posts/news/world/night-ferry.md").body).toContain("![A lost photo](https://old.courier.example.net/wp-content/uploads/2018/01/gone.jpg)");
  });

  it("gives every published story's old address (not a ?p= one) as an alias, and the site reads without a problem", () => {
    // The scheduled story's too: its redirect is held back with it.
    expect(report.redirects).toBe(5);
    expect(report.warnings).toContain("posts/uncategorized/plain-permalink.md: the old address https://old.courier.example.net/?p=20 cannot be answered by a static host (a query, or too long); no redirect");
    const read = readNewsroom(site, CLOCK);
    expect(read.problems).toEqual([]);
    expect(read.newsroom!.redirects.map((redirect) => [redirect.url, redirect.article.url])).toEqual([
      ["/existing-story/", "/news/existing-story-2/"],
      ["/2019/06/05/причал/", "/media-section/причал/"],
      ["/2019/05/13/quay-budget/", "/news/world/europe/quay-budget/"],
      ["/2019/05/12/night-ferry/", "/news/world/night-ferry/"],
    ]);
  });
});

describe("importing again", () => {
  it("changes nothing, byte for byte, on the same export", async () => {
    const dir = freshSite();
    await run(dir);
    const first = snapshot(dir);
    const again = await run(dir);
    expect(snapshot(dir)).toEqual(first);
    expect(again.files.written).toEqual([]);
    expect(again.sectionsAdded).toEqual([]);
  });

  it("does not put back a section the newsroom took out of nav, once it moved that section's stories", async () => {
    const dir = freshSite();
    await run(dir);
    const story = path.join(dir, "posts/uncategorized/plain-permalink.md");
    writeFileSync(story, readFileSync(story, "utf8").replace("section: uncategorized", "section: news"));
    const settings = path.join(dir, "_data/site.json");
    writeFileSync(settings, readFileSync(settings, "utf8").replace(',\n    { "key": "uncategorized", "title": "Uncategorized" }', ""));
    const before = readFileSync(settings, "utf8");
    expect(before).not.toContain("uncategorized");
    const again = await run(dir);
    expect(again.sectionsAdded).toEqual([]);
    expect(readFileSync(settings, "utf8")).toBe(before);
    expect(again.files.edited).toEqual(["posts/uncategorized/plain-permalink.md"]);
  });

  it("keeps a story the newsroom edited or deleted since, unless --force", async () => {
    const dir = freshSite();
    await run(dir);
    const edited = path.join(dir, "posts/news/world/night-ferry.md");
    writeFileSync(edited, readFileSync(edited, "utf8").replace("night ferry on Sunday", "night ferry on Sunday morning"));
    unlinkSync(path.join(dir, "posts/news/existing-story-2.md"));
    const again = await run(dir);
    expect(again.files.edited).toEqual(["posts/news/world/night-ferry.md"]);
    expect(again.files.deleted).toEqual(["posts/news/existing-story-2.md"]);
    expect(readFileSync(edited, "utf8")).toContain("Sunday morning");
    expect(existsSync(path.join(dir, "posts/news/existing-story-2.md"))).toBe(false);
    // Still the newsroom's on the next run: the record remembers what the import wrote, not what it found.
    expect((await run(dir)).files.edited).toEqual(["posts/news/world/night-ferry.md"]);
    const forced = await run(dir, { force: true });
    expect(forced.files.written.sort()).toEqual(["posts/news/existing-story-2.md", "posts/news/world/night-ferry.md"]);
    expect(readFileSync(edited, "utf8")).not.toContain("Sunday morning");
  });
});

describe("exports as WordPress writes them", () => {
  it("reads WXR 1.1 with https namespaces (WordPress.com) as it reads 1.2 with http", async () => {
    const dir = freshSite();
    const file = path.join(dir, "export-https.xml");
    writeFileSync(file, readFileSync(EXPORT, "utf8").replaceAll("http://wordpress.org/export/1.2/", "https://wordpress.org/export/1.1/").replace("<wp:wxr_version>1.2", "<wp:wxr_version>1.1").replace('xmlns:wp="', 'xmlns:wordpress="').replaceAll("<wp:", "<wordpress:").replaceAll("</wp:", "</wordpress:"));
    const other = await run(dir, { file });
    expect(other.stories).toEqual(report.stories);
    expect(readFileSync(path.join(dir, "posts/news/world/night-ferry.md"), "utf8")).toBe(readFileSync(path.join(site, "posts/news/world/night-ferry.md"), "utf8"));
  });

  it("without --uploads keeps pictures on the old site and says so", async () => {
    const dir = freshSite();
    const bare = await run(dir, { uploads: undefined });
    expect(article(dir, "posts/news/world/night-ferry.md").data.image).toMatchObject({ src: "https://old.courier.example.net/wp-content/uploads/2019/05/ferry.jpg", width: 800, height: 500 });
    expect(bare.missing).toContain("posts/news/world/night-ferry.md: https://old.courier.example.net/wp-content/uploads/2019/05/ferry.jpg (no --uploads folder was given)");
    expect(existsSync(path.join(dir, "media"))).toBe(false);
  });

  it("refuses a broken or foreign file before writing anything, naming the line", async () => {
    const dir = freshSite();
    const before = snapshot(dir);
    const broken = path.join(dir, "broken.xml");
    writeFileSync(broken, readFileSync(EXPORT, "utf8").replace("<wp:post_id>12</wp:post_id>", "<wp:post_id>12</wp:postid>"));
    await expect(run(dir, { file: broken })).rejects.toThrow(new RegExp(`${broken.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: line \\d+, column \\d+: .*`));
    await expect(run(dir, { file: broken })).rejects.toBeInstanceOf(WxrError);
    const rss = path.join(dir, "feed.xml");
    writeFileSync(rss, '<?xml version="1.0"?><rss version="2.0"><channel><title>A feed</title></channel></rss>');
    await expect(run(dir, { file: rss })).rejects.toThrow(/is not a WordPress export/);
    await expect(run(dir, { file: path.join(dir, "none.xml") })).rejects.toBeInstanceOf(ImportError);
    unlinkSync(broken);
    unlinkSync(rss);
    expect(snapshot(dir)).toEqual(before);
  });
});

describe("the imported site, built", () => {
  let built: BuiltSite;
  beforeAll(async () => {
    built = await buildSite(site, { SOURCE_DATE_EPOCH: epoch(CLOCK) });
    expect(built.code, built.stderr).toBe(0);
  });

  it("shows the stories with their captioned pictures, datelines and approved comments", () => {
    const page = built.page("/news/world/night-ferry/");
    expect(page("h1").text()).toBe("Harbour opens night ferry & quay");
    expect(page("title").text()).toBe("Harbour opens night ferry & quay – Harbour Courier");
    // site.json asks for a reading time and two ways to share.
    expect(page(".byline .timestamps").text()).toContain("1 min read");
    expect(page(".share a").map((_, a) => page(a).text()).get()).toEqual(["Email", "Bluesky"]);
    // 55 letters and the site's name would pass the 70 a search result shows: the headline stands alone.
    expect(built.page("/media-section/причал/")("title").text()).toBe("Фото дня: the new pier at sunrise, seen from the water.");
    expect(page(".story-body .dateline").text()).toBe("MOSCOW, May 12. /TASS/.");
    expect(page(".story-body figure figcaption").text()).toBe("The new quay at dusk. Photo: Jane Doe");
    expect(page(".story-body figure img").attr("alt")).toBe("The quay at dusk");
    const authors = (selector: string) => page(selector).map((_, el) => page(el).text()).get();
    expect(authors(".comment-list > li > .comment-meta .comment-author")).toEqual(["Islander", "Harbour Master"]);
    expect(authors("#comment-501 > .comment-replies > li > .comment-meta .comment-author")).toEqual(["Anonymous"]);
    expect(authors("#comment-502 > .comment-replies > li > .comment-meta .comment-author")).toEqual(["Ferry Fan"]);
    expect(page(".comments h2").first().text()).toBe("4 Comments");
    expect(page('a[href="/news/world/europe/quay-budget/"]').length).toBeGreaterThan(0);
    const gallery = built.page("/news/world/europe/quay-budget/")(".story-body li figure figcaption");
    expect(gallery.map((_, el) => built.page("/news/world/europe/quay-budget/")(el).text()).get()).toEqual(["The new quay at dusk."]);
  });

  it("leads each old address to its story: a page with a refresh and a canonical link, and a _redirects rule", () => {
    const old = built.page("/2019/05/12/night-ferry/");
    expect(old('meta[http-equiv="refresh"]').attr("content")).toBe("0; url=/news/world/night-ferry/");
    expect(old('link[rel="canonical"]').attr("href")).toBe("https://courier.example.net/news/world/night-ferry/");
    expect(old('meta[name="robots"]').attr("content")).toBe("noindex");
    expect(built.files()).toContain("2019/06/05/причал/index.html");
    expect(built.read("_redirects").split("\n")).toContain("/2019/06/05/%D0%BF%D1%80%D0%B8%D1%87%D0%B0%D0%BB/ /media-section/%D0%BF%D1%80%D0%B8%D1%87%D0%B0%D0%BB/ 301");
    expect(built.read("sitemap.xml")).not.toContain("/2019/05/12/night-ferry/");
    // An archive with nothing from the last 48 hours has no news sitemap, and robots.txt names none.
    expect(built.files()).not.toContain("news-sitemap.xml");
    expect(built.read("robots.txt")).toBe("User-agent: *\nAllow: /\n\nSitemap: https://courier.example.net/sitemap.xml\n");
  });

  it("keeps an unchanged redirect page on the next build, and takes away one whose alias was removed", async () => {
    const edited = path.join(site, "posts/news/world/night-ferry.md");
    const original = readFileSync(edited, "utf8");
    writeFileSync(edited, original.replace("aliases:\n  - /2019/05/12/night-ferry/\n", ""));
    try {
      const again = await runScript("build", [`--input=${site}`, `--output=${built.output}`, "--verbose"], { SOURCE_DATE_EPOCH: epoch(CLOCK) });
      expect(again.code, again.stderr).toBe(0);
      const written = [...again.stdout.matchAll(/Writing \S+?_site\.spare\/(\S+)/g)].map((match) => match[1]);
      expect(written).toContain("news/world/night-ferry/index.html");
      expect(written.filter((file) => /^(2019|existing-story)\//.test(file!))).toEqual([]);
      expect(existsSync(path.join(built.output, "2019/05/12/night-ferry/index.html"))).toBe(false);
      expect(existsSync(path.join(built.output, "2019/05/13/quay-budget/index.html"))).toBe(true);
      expect(readFileSync(path.join(built.output, "_redirects"), "utf8")).not.toContain("/2019/05/12/night-ferry/");
    } finally {
      writeFileSync(edited, original);
    }
  });

  it("has no link that leads nowhere, as npm run check reads them", () => {
    expect(checkLinks(built.output, "https://courier.example.net").broken).toEqual([]);
  });

  it("publishes nothing of a draft, a scheduled story, a left-out comment or a page", () => {
    const everything = built.everything();
    expect(SECRETS.filter((word) => everything.includes(word))).toEqual([]);
    expect(built.files().filter((file) => /season-opener|private-memo|members-only|pending-piece|draft-about/.test(file))).toEqual([]);
  });
});

describe("npm run import:wordpress", () => {
  it("imports and ends with a report, and says how to call it when called wrong", async () => {
    const dir = freshSite();
    const ran = await runScript("import:wordpress", [EXPORT, `--uploads=${UPLOADS}`, `--into=${dir}`]);
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout).toMatch(/^\[dateline\] imported 10 stories \(5 published, 1 scheduled, 4 drafts\), 4 comments, 3 photos copied, 5 old addresses redirected, in \d+\.\d s$/m);
    expect(ran.stdout).toContain("[contact-form-7] in posts/news/world/night-ferry.md");
    const wrong = await runScript("import:wordpress", []);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("usage: npm run import:wordpress -- <export.xml>");
  });
});

/** A one-channel export around the given items, as WordPress writes it. */
const wxr = (items: string, head = '<?xml version="1.0" encoding="UTF-8" ?>') => `${head}
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Old</title><link>https://old.example.net</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://old.example.net</wp:base_site_url>
<wp:category><wp:term_id>2</wp:term_id><wp:category_nicename>news</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name>News</wp:cat_name></wp:category>
${items}
</channel></rss>`;
const post = (id: number, fields: { title?: string; name?: string; link?: string; status?: string; content: string; category?: string }) => `<item>
<title><![CDATA[${fields.title ?? `Story ${id}`}]]></title><link>${fields.link ?? `https://old.example.net/2020/01/${fields.name ?? `story-${id}`}/`}</link><dc:creator>ed</dc:creator>
<content:encoded><![CDATA[${fields.content}]]></content:encoded><wp:post_id>${id}</wp:post_id><wp:post_date_gmt>2020-01-0${(id % 9) + 1} 09:00:00</wp:post_date_gmt>
<wp:post_name><![CDATA[${fields.name ?? `story-${id}`}]]></wp:post_name><wp:status>${fields.status ?? "publish"}</wp:status><wp:post_type>post</wp:post_type><wp:post_password></wp:post_password>
<category domain="category" nicename="${fields.category ?? "news"}"><![CDATA[${fields.category ?? "News"}]]></category></item>`;

describe("what real archives hold", () => {
  const importOne = async (xml: string, uploads?: string) => {
    const dir = freshSite();
    const file = path.join(dir, "export.xml");
    writeFileSync(file, xml);
    const result = await run(dir, { file, uploads });
    unlinkSync(file);
    return { dir, report: result, read: readNewsroom(dir, CLOCK) };
  };

  it("never writes a slug or an old address the site's build would refuse", async () => {
    const { dir, report: result, read } = await importOne(wxr([
      post(1, { name: "page", content: "A story named page." }),
      post(2, { name: "search", link: "https://old.example.net/search/", content: "A story whose old address is the search page." }),
      post(3, { name: "existing-story", link: "https://old.example.net/news/existing-story/", content: "Old address of the site's own story." }),
      post(4, { name: "a".repeat(200), content: "WordPress allows 200 letters." }),
    ].join("\n")));
    expect(read.problems).toEqual([]);
    expect(existsSync(path.join(dir, "posts/news/page-2.md"))).toBe(true);
    expect(result.warnings).toEqual(expect.arrayContaining([
      "posts/news/search.md: the old address /search/ is an address the site has now; no redirect",
      "posts/news/existing-story-2.md: the old address /news/existing-story/ is an address the site has now; no redirect",
    ]));
    expect(result.warnings.some((warning) => warning.includes("cannot be answered by a static host"))).toBe(true);
  });

  it("keeps pictures it cannot show and addresses relative to the old page on the old site, and the site still builds", async () => {
    const uploads = mkdtempSync(path.join(tmpdir(), "dateline-uploads-"));
    folders.push(uploads);
    cpSync(UPLOADS, uploads, { recursive: true });
    writeFileSync(path.join(uploads, "2019/05/broken.jpg"), Buffer.from("not a picture at all, a half-copied upload"));
    const { dir, read } = await importOne(wxr(post(1, {
      content: '<p>Text.</p><img src="https://old.example.net/wp-content/uploads/2019/05/broken.jpg" alt="Broken"><img src="wp-content/uploads/2015/01/relative.jpg" alt="Relative"><a href="https://old.example.net/wp-content/uploads/2019/05/broken.jpg">the file</a>',
    })), uploads);
    expect(read.problems).toEqual([]);
    const { body } = article(dir, "posts/news/story-1.md");
    expect(body).toContain("![Broken](https://old.example.net/wp-content/uploads/2019/05/broken.jpg)");
    expect(body).toContain("![Relative](https://old.example.net/wp-content/uploads/2015/01/relative.jpg)");
    expect(body).toContain("[the file](/media/uploads/2019/05/broken.jpg)");
  });

  it("finds a network site's uploads in sites/N/, and keeps (and links) a photo of the newsroom's own at a copy's place", async () => {
    const uploads = mkdtempSync(path.join(tmpdir(), "dateline-uploads-"));
    folders.push(uploads);
    cpSync(path.join(UPLOADS, "2019"), path.join(uploads, "sites/3/2019"), { recursive: true });
    cpSync(path.join(UPLOADS, "2019/05/quay.jpg"), path.join(uploads, "2019/05/ferry.jpg"));
    const dir = freshSite();
    // The newsroom's own picture where the import would copy harbour.jpg: a different one, never replaced.
    cpSync(path.join(UPLOADS, "2019/05/quay.jpg"), path.join(dir, "media/uploads/sites/3/2019/05/harbour.jpg"));
    const file = path.join(dir, "export.xml");
    writeFileSync(file, wxr(post(1, { content: '<img src="https://old.example.net/wp-content/uploads/sites/3/2019/05/ferry.jpg" alt="Ferry"><img src="https://old.example.net/wp-content/uploads/sites/3/2019/05/harbour-300x200.jpg" alt="Harbour">' })));
    const result = await run(dir, { file, uploads, force: true });
    expect(readFileSync(path.join(dir, "media/uploads/sites/3/2019/05/ferry.jpg")).equals(readFileSync(path.join(UPLOADS, "2019/05/ferry.jpg")))).toBe(true);
    expect(readFileSync(path.join(dir, "media/uploads/sites/3/2019/05/harbour.jpg")).equals(readFileSync(path.join(UPLOADS, "2019/05/quay.jpg")))).toBe(true);
    expect(result.files.foreign).toEqual(["media/uploads/sites/3/2019/05/harbour.jpg"]);
    expect(article(dir, "posts/news/story-1.md").body).toContain("![Harbour](/media/uploads/sites/3/2019/05/harbour.jpg)");
  });

  it("reads tables without a heading row, code, escaped shortcodes and untitled posts as a reader of WordPress saw them", async () => {
    const { dir, read } = await importOne(wxr([
      post(1, { content: '<!-- wp:table --><figure class="wp-block-table"><table><tbody><tr><td>Port</td><td>Ships</td></tr><tr><td>Halden</td><td>12 | 13</td></tr></tbody></table></figure><!-- /wp:table -->' }),
      post(2, { content: '[code]<?php echo "<b>hi</b>"; ?>[/code]\n\nWrite [[gallery]] to show a gallery.' }),
      post(3, { title: "", content: '[caption id="a" width="300"]<img src="https://elsewhere.example.org/p.jpg" alt="Pier"> The pier at dawn.[/caption]' }),
      post(4, { title: "Why <script> tags matter", content: "Words." }),
    ].join("\n")));
    expect(read.problems).toEqual([]);
    expect(article(dir, "posts/news/story-1.md").body.trim()).toBe("| Port | Ships |\n| --- | --- |\n| Halden | 12 \\| 13 |");
    expect(article(dir, "posts/news/story-2.md").body).toContain('<?php echo "<b>hi</b>"; ?>');
    expect(article(dir, "posts/news/story-2.md").body).toContain("Write \\[gallery\\] to show a gallery.");
    expect(article(dir, "posts/news/story-3.md").data.title).toBe("The pier at dawn.");
    expect(article(dir, "posts/news/story-4.md").data.title).toBe("Why tags matter");
  });

  it("reads an ISO-8859-1 export, and one with blank lines before its declaration", async () => {
    const latin = Buffer.from(`\n\n${wxr(post(1, { title: "Café crème", content: "Smörgåsbord." }), '<?xml version="1.0" encoding="ISO-8859-1" ?>')}`, "latin1");
    const dir = freshSite();
    const file = path.join(dir, "export.xml");
    writeFileSync(file, latin);
    await run(dir, { file });
    expect(article(dir, "posts/news/story-1.md").data.title).toBe("Café crème");
    expect(article(dir, "posts/news/story-1.md").body).toContain("Smörgåsbord.");
  });

  it("moves a story WordPress moved, takes away one it binned, and after an import cut short takes its files as its own", async () => {
    const first = wxr([post(1, { content: "Stays." }), post(2, { content: "Will move." }), post(3, { content: "Will be binned." })].join("\n"));
    const { dir } = await importOne(first);
    // An import stopped before it saved its record: only its journal says what it wrote.
    const saved = JSON.parse(readFileSync(path.join(dir, "wordpress-import.json"), "utf8")) as { files: Record<string, string>; posts: Record<string, string[]> };
    const journal = Object.entries(saved.posts).flatMap(([id, files]) => files.map((file) => JSON.stringify({ file, hash: saved.files[file], post: id })));
    writeFileSync(path.join(dir, "wordpress-import.json.journal"), `${journal.join("\n")}\n{"file":"posts/news/cut-sh`);
    unlinkSync(path.join(dir, "wordpress-import.json"));
    const newer = path.join(dir, "newer.xml");
    writeFileSync(newer, wxr([post(1, { content: "Stays." }), post(2, { name: "story-2-renamed", content: "Will move." }), post(3, { status: "trash", content: "Will be binned." })].join("\n")));
    const again = await run(dir, { file: newer });
    unlinkSync(newer);
    expect(again.files.written).toEqual(["posts/news/story-2-renamed.md"]);
    expect(again.removed).toEqual(["posts/news/story-3.md (in WordPress's trash, or emptied)"]);
    expect(existsSync(path.join(dir, "posts/news/story-2.md"))).toBe(false);
    expect(existsSync(path.join(dir, "posts/news/story-1-2.md"))).toBe(false);
    expect(existsSync(path.join(dir, "wordpress-import.json.journal"))).toBe(false);
    expect(readNewsroom(dir, CLOCK).problems).toEqual([]);
  });
});

describe("a dateline opening a story", () => {
  it("is taken in the forms wires write it, and labels, names and times are not taken for one", async () => {
    const { takeDateline } = await import("../src/cli/wordpress/body.ts");
    const taken = (text: string) => takeDateline(text).dateline ?? null;
    expect(taken("MOSCOW, December 23. /TASS/. The Kremlin said")).toEqual({ place: "MOSCOW", source: "TASS" });
    expect(taken("KYIV, Ukraine (AP) — Sirens sounded")).toEqual({ place: "KYIV, Ukraine", source: "AP" });
    expect(taken("LONDON, Dec 23 (Reuters) - Shares fell")).toEqual({ place: "LONDON", source: "Reuters" });
    expect(taken("**WASHINGTON (AP)** — Lawmakers met")).toEqual({ place: "WASHINGTON", source: "AP" });
    expect(taken("ST. PETERSBURG — The bridges rose")).toEqual({ place: "ST. PETERSBURG" });
    for (const text of ["AI — the technology is here.", "OK — so here is the thing.", "UPDATE (3:45 p.m.) — Police said", "NATO — The alliance said", "UPDATE — more", "The mayor — who"]) {
      expect(taken(text), text).toBeNull();
    }
    expect(takeDateline("PARIS — The city voted.").markdown).toBe("The city voted.");
  });
});

describe("importing a newer export of the same archive", () => {
  const again = async (dir: string, items: string[], force = false) => {
    const file = path.join(dir, "newer.xml");
    writeFileSync(file, wxr(items.join("\n")));
    const result = await run(dir, { file, force });
    unlinkSync(file);
    return result;
  };

  it("keeps each story at its own slug when a draft without one is published later, and drafts never take a published story's slug", async () => {
    const dir = freshSite();
    const comment = '<wp:comment><wp:comment_id>9</wp:comment_id><wp:comment_author>R</wp:comment_author><wp:comment_date_gmt>2020-01-02 10:00:00</wp:comment_date_gmt><wp:comment_content>Well put.</wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment</wp:comment_type><wp:comment_parent>0</wp:comment_parent></wp:comment>';
    await again(dir, [post(5, { title: "Budget", name: "", status: "draft", content: "The draft." }), post(10, { title: "Budget passes", name: "budget", content: `The story.` }).replace("</item>", `${comment}</item>`)]);
    expect(article(dir, "posts/news/budget.md").data.title).toBe("Budget passes");
    const later = await again(dir, [post(5, { title: "Budget", name: "budget-2", content: "The draft, published." }), post(10, { title: "Budget passes", name: "budget", content: `The story.` }).replace("</item>", `${comment}</item>`)]);
    expect(later.warnings.filter((warning) => warning.includes("edited here"))).toEqual([]);
    expect(article(dir, "posts/news/budget.md").data.title).toBe("Budget passes");
    expect(article(dir, "posts/news/budget-2.md").data.title).toBe("Budget");
    expect(JSON.parse(readFileSync(path.join(dir, "_data/comments/budget.json"), "utf8"))).toHaveLength(1);
    expect(readNewsroom(dir, CLOCK).problems).toEqual([]);
  });

  it("gives a slug a binned story had to the story that takes it, without removing the new one", async () => {
    for (const force of [false, true]) {
      const dir = freshSite();
      await again(dir, [post(1, { name: "alpha", content: "Alpha." }), post(2, { name: "beta", content: "Beta." })]);
      const later = await again(dir, [post(1, { name: "beta", content: "Alpha, renamed." }), post(2, { name: "beta", status: "trash", content: "Beta." })], force);
      expect(article(dir, "posts/news/beta.md").body.trim(), String(force)).toBe("Alpha, renamed.");
      expect(existsSync(path.join(dir, "posts/news/alpha.md"))).toBe(false);
      expect(later.removed).toEqual([]);
      // And the record now knows beta.md as the renamed story's, so the next import finds nothing edited.
      expect((await again(dir, [post(1, { name: "beta", content: "Alpha, renamed." })])).files.edited).toEqual([]);
    }
  });

  it("takes away comments marked as spam since, and keeps a moved story's old address here as an alias", async () => {
    const dir = freshSite();
    const comment = (approved: string) => `<wp:comment><wp:comment_id>9</wp:comment_id><wp:comment_author>R</wp:comment_author><wp:comment_date_gmt>2020-01-02 10:00:00</wp:comment_date_gmt><wp:comment_content>SPAM-LATER</wp:comment_content><wp:comment_approved>${approved}</wp:comment_approved><wp:comment_type>comment</wp:comment_type><wp:comment_parent>0</wp:comment_parent></wp:comment>`;
    await again(dir, [post(1, { name: "mover", content: "Moves." }).replace("</item>", `${comment("1")}</item>`)]);
    expect(existsSync(path.join(dir, "_data/comments/mover.json"))).toBe(true);
    await again(dir, [post(1, { name: "mover", content: "Moves.", category: "sports" }).replace("</item>", `${comment("spam")}</item>`)]);
    expect(existsSync(path.join(dir, "_data/comments/mover.json"))).toBe(false);
    expect(existsSync(path.join(dir, "posts/news/mover.md"))).toBe(false);
    expect(article(dir, "posts/sports/mover.md").data.aliases).toEqual(["/2020/01/mover/", "/news/mover/"]);
    const read = readNewsroom(dir, CLOCK);
    expect(read.problems).toEqual([]);
    expect(read.newsroom!.redirects.map((redirect) => redirect.url)).toEqual(["/2020/01/mover/", "/news/mover/"]);
  });

  it("never follows a record edited by hand outside the site, and says so for one it cannot read", async () => {
    const dir = freshSite();
    await again(dir, [post(1, { content: "One." })]);
    const outside = path.join(path.dirname(dir), `outside-${path.basename(dir)}.md`);
    writeFileSync(outside, "Not the site's.");
    folders.push(outside);
    writeFileSync(path.join(dir, "wordpress-import.json.journal"), `${JSON.stringify({ file: `../${path.basename(outside)}`, hash: "00", post: "1" })}\nnull\n`);
    await again(dir, [post(1, { status: "trash", content: "One." })], true);
    expect(existsSync(outside)).toBe(true);
    writeFileSync(path.join(dir, "wordpress-import.json"), "null");
    await expect(again(dir, [post(1, { content: "One." })])).rejects.toThrow(/wordpress-import\.json: is not the import's record/);
  });
});

