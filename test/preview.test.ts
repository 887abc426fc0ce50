import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { connect } from "node:net";
import { networkInterfaces } from "node:os";
import { readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { load } from "cheerio";
import { epoch, FIXTURES, ROOT, writeSite } from "./helpers/site.ts";
import { readSearchIndex } from "./helpers/search.ts";

/** `npm start` on a site served under a sub-path, driven as a newsroom uses it: open, break, fix, delete, rename. */
const CLOCK = "2024-03-11T12:00:00Z";
let input: string;
let child: ChildProcess;
let url: string;
let log = "";

/** Waits until the preview's log has grown by a line matching `pattern`, after the `from`th character. */
function printed(pattern: RegExp, from = 0): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the preview never printed ${pattern}:\n${log}`)), 30_000);
    const look = () => {
      const match = pattern.exec(log.slice(from));
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off("data", look);
      child.stderr!.off("data", look);
      resolve(match[0]);
    };
    child.stdout!.on("data", look);
    child.stderr!.on("data", look);
    look();
  });
}

/** Saves a file the way many editors do: a new file renamed over the old one. */
function save(file: string, text: string): void {
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
}

beforeAll(async () => {
  input = writeSite({}, path.join(FIXTURES, "desk"));
  const settings = path.join(input, "_data/site.json");
  writeFileSync(settings, readFileSync(settings, "utf8").replace('"url": "https://ledger.example.com/"', '"url": "https://ledger.example.com/desk-på"'));
  child = spawn(process.execPath, [path.join(ROOT, "bin/dateline.js"), "start", `--input=${input}`, `--output=${path.join(input, "_preview")}`, "--port=0"], {
    cwd: ROOT,
    env: { ...process.env, SOURCE_DATE_EPOCH: epoch(CLOCK) },
  });
  const collect = (chunk: Buffer) => void (log += chunk.toString());
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  url = (await printed(/preview at (\S+)/)).replace("preview at ", "");
});

afterAll(() => {
  child.kill();
});

describe("npm start", () => {
  it("serves the preview on this machine only, under the site's path", async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/desk-p%C3%A5\/$/);
    const port = Number(new URL(url).port);
    const external = Object.values(networkInterfaces()).flat().find((address) => address && !address.internal && address.family === "IPv4");
    if (external) {
      const reached = await new Promise<boolean>((resolve) => {
        const socket = connect(port, external.address, () => {
          socket.destroy();
          resolve(true);
        });
        socket.on("error", () => resolve(false));
      });
      expect(reached, `the preview answered on ${external.address}`).toBe(false);
    }
    const root = await fetch(new URL("/", url), { redirect: "manual" });
    expect(root.status).toBe(302);
    expect(root.headers.get("location")).toBe("/desk-p%C3%A5/");
    const folder = await fetch(`${url}news`, { redirect: "manual" });
    expect([folder.status, folder.headers.get("location")]).toEqual([302, "/desk-p%C3%A5/news/"]);
  });

  it("shows drafts and embargoed articles with a banner and noindex, and keeps robots out", async () => {
    const draft = load(await (await fetch(`${url}news/secret-draft/`)).text());
    expect(draft(".preview-banner").text().trim()).toBe("DRAFT: not published, shown only in preview.");
    expect(draft('meta[name="robots"]').attr("content")).toBe("noindex");
    expect(draft('link[rel="stylesheet"]').attr("href")).toMatch(/^\/desk-p%C3%A5\/assets\//);
    const embargoed = load(await (await fetch(`${url}business/embargoed-results/`)).text());
    expect(embargoed(".preview-banner").text()).toMatch(/^\s*EMBARGOED until 12 March 2024 at 08:00 GMT/);
    expect((await fetch(`${url}business/old-offer/`)).status).toBe(200);
    expect(await (await fetch(`${url}robots.txt`)).text()).toContain("Disallow: /");
  });

  it("searches drafts and held-back stories too, saying so on the search page and marking each", async () => {
    const search = load(await (await fetch(`${url}search/`)).text());
    expect(search(".preview-banner").text()).toMatch(/drafts, embargoed and expired stories too/);
    const index = readSearchIndex(path.join(input, "_preview"));
    const status = Object.fromEntries(index.stories.map((story) => [story.url, story.meta.status ?? "published"]));
    expect(status).toMatchObject({ "/news/secret-draft/": "draft", "/business/embargoed-results/": "embargoed", "/business/old-offer/": "expired", "/news/rates-hold/": "published" });
  });

  it("shows a content error in the browser, naming file and field, until it is fixed", async () => {
    const story = path.join(input, "posts/budget-live.md");
    const good = readFileSync(story, "utf8");
    let from = log.length;
    save(story, good.replace("date: 2024-03-01T08:00", "date: 2024-02-30T08:00"));
    await printed(/the build failed; the browser shows why/, from);
    const broken = await fetch(`${url}business/`);
    expect(broken.status).toBe(500);
    const page = load(await broken.text());
    expect(page("h1").text()).toBe("The preview cannot be built");
    expect(page(".problems li").text()).toMatch(/^posts\/budget-live\.md: date: "2024-02-30T08:00" is not a valid date/);
    expect(page('script[src="/.dateline/reload.js"]')).toHaveLength(1);

    from = log.length;
    save(story, good);
    await printed(/\[dateline\] preview: .* written/, from);
    expect((await fetch(`${url}business/`)).status).toBe(200);
  });

  it("builds again when an article is deleted or renamed, and prints each build's own figures", async () => {
    let from = log.length;
    unlinkSync(path.join(input, "posts/rates-hold.md"));
    const afterDelete = await printed(/\[dateline\] preview: .*/, from);
    expect((await fetch(`${url}business/rates-hold/`)).status).toBe(404);

    from = log.length;
    renameSync(path.join(input, "posts/markets-week.md"), path.join(input, "posts/markets-week-in-review.md"));
    const afterRename = await printed(/\[dateline\] preview: .*/, from);
    expect((await fetch(`${url}business/markets-week/`)).status).toBe(404);
    expect((await fetch(`${url}business/markets-week-in-review/`)).status).toBe(200);

    const articles = (line: string) => Number(/preview: (\d+) articles? published/.exec(line)?.[1]);
    const seconds = (line: string) => Number(/ in ([\d.]+) s;/.exec(line)?.[1]);
    const first = /\[dateline\] preview: .*/.exec(log)![0];
    expect(articles(afterDelete)).toBe(articles(first) - 1);
    expect(articles(afterRename)).toBe(articles(afterDelete));
    // Each rebuild times itself, not the preview's life so far.
    expect(seconds(afterRename)).toBeLessThan(5);
  });
});
