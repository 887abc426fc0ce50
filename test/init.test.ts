import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { readNewsroom, runScript } from "./helpers/site.ts";

const folders: string[] = [];
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

describe("npm run init", () => {
  it("writes a site its first build accepts, whatever the section names: each key its own, none a folder Dateline writes", async () => {
    const folder = path.join(mkdtempSync(path.join(tmpdir(), "dateline-init-")), "paper");
    folders.push(path.dirname(folder));
    const ran = await runScript("init", [folder, "--title=Paper", "--url=https://paper.example.org", "--timezone=UTC", "--sections=Tags, News, news, Спорт, Sport"]);
    expect(ran.code, ran.stderr).toBe(0);
    const site = JSON.parse(readFileSync(path.join(folder, "_data/site.json"), "utf8")) as { nav: { key: string }[] };
    expect(site.nav.map((section) => section.key)).toEqual(["tags-section", "news", "news-2", "sport", "sport-2"]);
    const read = readNewsroom(folder, "2030-01-01T00:00:00Z");
    expect(read.problems).toEqual([]);
    expect(read.newsroom!.articles.map((article) => article.url)).toEqual(["/tags-section/welcome/"]);
  });

  it("refuses settings that cannot make a site, and a folder that already has files", async () => {
    const folder = mkdtempSync(path.join(tmpdir(), "dateline-init-"));
    folders.push(folder);
    const bad = await runScript("init", [path.join(folder, "a"), "--title=Paper", "--url=not an address"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("_data/site.json: url: must be the site's absolute address alone");
    const missing = await runScript("init", [path.join(folder, "b")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("give --title");
  });
});
