import { afterAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { epoch, FIXTURES, ROOT } from "./helpers/site.ts";

const work = mkdtempSync(path.join(tmpdir(), "dateline-folders-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("a site kept beside the folder the build runs from", () => {
  it("builds when its folder's name begins with that folder's (~/dateline and ~/dateline-site)", async () => {
    const from = path.join(work, "dateline");
    const site = path.join(work, "dateline-site");
    mkdirSync(from);
    cpSync(path.join(FIXTURES, "desk"), site, { recursive: true });
    const ran = await new Promise<{ code: number; stderr: string }>((resolve) =>
      execFile(process.execPath, [path.join(ROOT, "bin/dateline.js"), "build", "--input=../dateline-site", "--output=../out/_site"], { cwd: from, env: { ...process.env, SOURCE_DATE_EPOCH: epoch("2024-03-11T12:00:00Z") } }, (error, _stdout, stderr) =>
        resolve({ code: error ? 1 : 0, stderr }),
      ),
    );
    expect(ran.code, ran.stderr).toBe(0);
    // Paths given to the command are read from where it was run; the build then works in the site's folder.
    expect(existsSync(path.join(work, "out/_site/news/rates-hold/index.html"))).toBe(true);
  });
});
