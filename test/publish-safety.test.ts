import { describe, expect, it } from "vitest";
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { buildSite, ROOT, runScript, snapshot, writeSite } from "./helpers/site.ts";
import { checkOutput } from "../src/publish/output.ts";

import { CLOCK, draftTheStory, HEADLINE, siteWithPublic, WIRE } from "./helpers/publishing.ts";

describe("publishing under failure", () => {
  it("makes a second build wait for the first and then publish its own, later content; builds started together never mix", async () => {
    const input = siteWithPublic();
    const output = path.join(mkdtempSync(path.join(tmpdir(), "dateline-race-")), "_site");
    const together = await Promise.all([buildSite(input, CLOCK, output), buildSite(input, CLOCK, output)]);
    expect(together.map((build) => build.code)).toEqual([0, 0]);
    const clean = await buildSite(input, CLOCK);
    expect(snapshot(output)).toEqual(snapshot(clean.output));

    // A build in progress (this test holds its lock) when the story is set to draft and a second build starts.
    const started = new Date().toISOString();
    writeFileSync(`${output}.lock`, JSON.stringify({ pid: process.pid, host: hostname(), started }));
    const second = spawn(process.execPath, [path.join(ROOT, "bin/dateline.js"), "build", `--input=${input}`, `--output=${output}`], { cwd: ROOT, env: { ...process.env, ...CLOCK } });
    let stderr = "";
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the second build never waited: ${stderr}`)), 30_000);
      second.stderr.on("data", (chunk) => {
        stderr += chunk;
        if (stderr.includes("is publishing")) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    expect(stderr).toContain(`another build (process ${process.pid}, started ${started}) is publishing`);
    expect(snapshot(output)).toEqual(snapshot(clean.output));
    draftTheStory(input);
    rmSync(`${output}.lock`);
    expect(await new Promise((resolve) => second.on("exit", resolve))).toBe(0);
    const published = snapshot(output);
    expect(published["CNAME"]).toBeDefined();
    expect(Object.keys(published).filter((file) => readFileSync(path.join(output, file), "utf8").includes(HEADLINE))).toEqual([]);
  });

  it("takes over a lock left by a build that died, and refuses with what is published when a live build holds it too long", async () => {
    const input = writeSite({}, WIRE);
    const output = path.join(mkdtempSync(path.join(tmpdir(), "dateline-lock-")), "_site");
    const dead = spawn(process.execPath, ["-e", ""]);
    await new Promise((resolve) => dead.on("exit", resolve));
    writeFileSync(`${output}.lock`, JSON.stringify({ pid: dead.pid, host: hostname(), started: "2022-01-19T00:00:00Z" }));
    expect((await buildSite(input, CLOCK, output)).code).toBe(0);

    // A lock of no build at all (valid JSON, but no process named) is taken over once it is old enough to be finished.
    writeFileSync(`${output}.lock`, "{}");
    utimesSync(`${output}.lock`, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    expect((await buildSite(input, CLOCK, output)).code).toBe(0);

    writeFileSync(`${output}.lock`, JSON.stringify({ pid: process.pid, host: hostname(), started: new Date().toISOString() }));
    const refused = await runScript("build", [`--input=${input}`, `--output=${output}`, "--wait=0"], CLOCK);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(`another build (process ${process.pid}`);
    expect(refused.stderr).toContain(`delete ${output}.lock`);
    expect(refused.stderr).toMatch(/holds the last good build\.\n$/);
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    rmSync(`${output}.lock`);
  });

  it("refuses an output folder a build could not replace safely: the project or input or above them, a content folder, a link, a folder of other files", async () => {
    const input = writeSite({}, WIRE);
    const refused = (output: string) => {
      try {
        checkOutput(output, input);
        return "accepted";
      } catch (error) {
        return (error as Error).message.replace(`--output=${output} `, "").replace("; choose a folder of its own, such as _site", "");
      }
    };
    expect(refused(input)).toBe("is a folder holding a site or a repository (posts, package.json, .git)");
    expect(refused(path.dirname(input))).toBe("is a parent of the site's own folder, which every build would replace");
    expect(refused(path.join(input, "posts/_site"))).toBe("is inside the site's posts/ folder");
    expect(refused(path.join(input, "_data"))).toBe("is inside the site's _data/ folder");
    expect(refused(path.join(ROOT, ".git"))).toBe("holds files no build wrote (no index.html in it, no manifest beside it): empty it first if it is yours to replace");
    expect(refused(path.join(input, "_site.spare"))).toBe("is named like the folder a build keeps beside its output");

    const elsewhere = writeSite({ "notes/thesis.tex": "keep me", "file.txt": "not a folder" });
    expect(refused(path.join(elsewhere, "notes"))).toBe("holds files no build wrote (no index.html in it, no manifest beside it): empty it first if it is yours to replace");
    expect(refused(path.join(elsewhere, "file.txt"))).toBe("is a file, not a folder");
    symlinkSync(path.join(elsewhere, "notes"), path.join(elsewhere, "linked"));
    expect(refused(path.join(elsewhere, "linked"))).toBe("is a symbolic link: a build would replace and empty what it points to");
    symlinkSync(path.join(elsewhere, "notes"), path.join(elsewhere, "out.spare"));
    expect(refused(path.join(elsewhere, "out"))).toBe("has out.spare beside it, which is a symbolic link: a build would replace and empty what it points to");
    // Through a link above it, the output is still the site's parent.
    symlinkSync(path.dirname(input), path.join(elsewhere, "up"));
    expect(refused(path.join(elsewhere, "up"))).toBe("is a symbolic link: a build would replace and empty what it points to");
    expect(refused(path.join(elsewhere, "up", path.basename(input)))).toBe("is a folder holding a site or a repository (posts, package.json, .git)");
    expect(refused(path.join(input, "_site"))).toBe("accepted");
    expect(readFileSync(path.join(elsewhere, "notes/thesis.tex"), "utf8")).toBe("keep me");

    const cli = await runScript("build", ["--output=."], CLOCK);
    expect(cli.code).not.toBe(0);
    expect(cli.stderr).toBe(`[dateline] build failed: --output=${ROOT} is a folder holding a site or a repository (posts, package.json, .git); choose a folder of its own, such as _site\n`);
    expect(existsSync(`${ROOT}.spare`)).toBe(false);
  });

  it("re-renders every page when a data file or the site's config changes, and copies public/ as it is, templates too", async () => {
    const input = siteWithPublic();
    writeFileSync(path.join(input, "public/note.njk"), "{{ 1 + 1 }}\n");
    // The output inside the site, as by default: its copy of note.njk must not be read back as a page.
    const output = path.join(input, "_site");
    expect((await buildSite(input, CLOCK, output)).code).toBe(0);
    const again = await buildSite(input, CLOCK, output);
    expect(again.stdout).toMatch(/unchanged pages? kept/);
    expect(again.read("note.njk")).toBe("{{ 1 + 1 }}\n");
    expect(again.files().filter((file) => /^(_site|public|note)\//.test(file))).toEqual([]);

    writeFileSync(path.join(input, "_data/weather.json"), '{ "today": "rain" }');
    mkdirSync(path.join(input, "public/.well-known"), { recursive: true });
    rmSync(path.join(input, "public/CNAME"));
    const changed = await buildSite(input, CLOCK, output);
    expect(changed.code).toBe(0);
    expect(changed.stdout).not.toMatch(/unchanged pages? kept/);
    expect(changed.files()).not.toContain("CNAME");
    expect(changed.read(".well-known/security.txt")).toBe("Contact: mailto:security@example.org\n");
  });
});

describe("the output folder is the build's own", () => {
  it("keeps everything a build leaves beside _site/ (spare folder, manifests, lock, preview) out of git", () => {
    const files = ["_site/index.html", "_site.spare/index.html", "_site.manifest.json", "_site.spare.manifest.json", "_site.lock", "_site.previous/index.html", "_site.search/pagefind-entry.json", "_preview/index.html"];
    const ignored = execFileSync("git", ["check-ignore", "--no-index", ...files], { cwd: ROOT, encoding: "utf8" }).trim().split("\n");
    expect(ignored).toEqual(files);
  });
});
