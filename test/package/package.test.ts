import { beforeAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { load } from "cheerio";
import { ROOT } from "../helpers/site.ts";

/** Runs a command as a newsroom's developer would in a shell, and what it printed. */
function sh(command: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, SOURCE_DATE_EPOCH: undefined };
  delete env.SOURCE_DATE_EPOCH;
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }));
  });
}

describe("Dateline as a package, in a newsroom's own repository", () => {
  let work: string;
  let site: string;
  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), "dateline-package-"));
    const packed = await sh("npm", ["pack", "--pack-destination", work, "--silent"], ROOT);
    expect(packed.code, packed.stderr).toBe(0);
    const tarball = path.join(work, packed.stdout.trim().split("\n").at(-1)!);
    site = path.join(work, "harbour-courier");
    const init = await sh(process.execPath, [path.join(ROOT, "bin/dateline.js"), "init", site, "--title=Harbour Courier", "--url=https://courier.example.org", "--timezone=Europe/Oslo", "--sections=News, Sport"], work);
    expect(init.code, init.stderr).toBe(0);
    const installed = await sh("npm", ["install", tarball, "--no-audit", "--no-fund", "--silent"], site);
    expect(installed.code, installed.stderr).toBe(0);
  });

  it("is a site of its own: settings, config, a welcome story, .gitignore and the publishing workflow, nothing of the sample", () => {
    const files = readdirSync(site, { recursive: true, encoding: "utf8" }).filter((file) => !file.startsWith("node_modules") && file !== "package-lock.json").sort();
    expect(files).toEqual([".github", ".github/workflows", ".github/workflows/publish.yml", ".gitignore", "_data", "_data/site.json", "eleventy.config.ts", "package.json", "posts", "posts/news", "posts/news/welcome.md"]);
    expect(JSON.parse(readFileSync(path.join(site, "_data/site.json"), "utf8"))).toMatchObject({ title: "Harbour Courier", timezone: "Europe/Oslo", nav: [{ key: "news", title: "News" }, { key: "sport", title: "Sport" }] });
    expect(readFileSync(path.join(site, ".github/workflows/publish.yml"), "utf8")).toBe(`${/<!-- host: github-pages -->\n```yaml\n([\s\S]*?)\n```/.exec(readFileSync(path.join(ROOT, "docs/deploy.md"), "utf8"))![1]}\n`);
  });

  it("builds with npm run build, starts a story with npm run new, and leaves only what .gitignore names", async () => {
    const story = await sh("npm", ["run", "--silent", "new", "--", "Ferry runs late", "--section", "sport"], site);
    expect(story.code, story.stderr).toBe(0);
    expect(story.stdout.trim()).toBe(path.join("posts", "sport", "ferry-runs-late.md"));
    // An unwritten story cannot be published: the build says so, and publishes nothing.
    const refused = await sh("npm", ["run", "--silent", "build"], site);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("posts/sport/ferry-runs-late.md: has no body");
    const { appendFileSync } = await import("node:fs");
    appendFileSync(path.join(site, "posts/sport/ferry-runs-late.md"), "The evening ferry ran an hour late.\n");
    const built = await sh("npm", ["run", "--silent", "build"], site);
    expect(built.code, built.stderr).toBe(0);
    const home = load(readFileSync(path.join(site, "_site/index.html"), "utf8"));
    expect(home("title").text()).toBe("Harbour Courier");
    expect(existsSync(path.join(site, "_site/news/welcome/index.html"))).toBe(true);
    expect(existsSync(path.join(site, "_site/sport/ferry-runs-late/index.html"))).toBe(true);
    // What a build leaves beside the site is what the .gitignore init wrote keeps out of the repository.
    const ignored = readFileSync(path.join(site, ".gitignore"), "utf8").split("\n").filter((line) => line && !line.startsWith("#"));
    const left = readdirSync(site).filter((name) => !["node_modules", "package-lock.json", ".github", ".gitignore", "_data", "eleventy.config.ts", "package.json", "posts"].includes(name));
    expect(left.filter((name) => !ignored.some((pattern) => pattern.replace(/\/$/, "") === name || (pattern.endsWith("*") && name.startsWith(pattern.slice(0, -1)))))).toEqual([]);
  });

  it("starts another site with the installed package's own command, and refuses a folder that has one", async () => {
    const second = await sh("npx", ["--no-install", "dateline", "init", "../second-site", "--title=Second Paper", "--url=https://second.example.org", "--timezone=UTC"], site);
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(readFileSync(path.join(work, "second-site/_data/site.json"), "utf8")).title).toBe("Second Paper");
    const again = await sh("npx", ["--no-install", "dateline", "init", ".", "--title=X", "--url=https://x.example"], site);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/is not empty/);
  });
});
