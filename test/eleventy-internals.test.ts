import { describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildSite, epoch, FIXTURES, ROOT, snapshot, type Ran } from "./helpers/site.ts";

const CLOCK = { SOURCE_DATE_EPOCH: epoch("2022-01-19T12:00:00Z") };

/** Eleventy's own command line over a site, as `npx @11ty/eleventy --config=eleventy.config.ts` runs it. */
function eleventy(input: string, output: string): Promise<Ran> {
  const args = ["--import", "tsx", path.join(ROOT, "node_modules/@11ty/eleventy/cmd.cjs"), "--config=eleventy.config.ts", `--input=${input}`, `--output=${output}`, "--quiet"];
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...CLOCK } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
  });
}


describe("Dateline under Eleventy's own command line", () => {
  it("builds the same site as npm run build, the plugin starting its own build session", async () => {
    const output = path.join(mkdtempSync(path.join(tmpdir(), "dateline-npx-")), "_site");
    const [plain, built] = await Promise.all([eleventy(path.join(FIXTURES, "wire"), output), buildSite(path.join(FIXTURES, "wire"), CLOCK)]);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).toMatch(/\[dateline\] \d+ articles published/);
    expect(snapshot(output)).toEqual(snapshot(built.output));
  });

  // src/eleventy/internals.ts sets Eleventy's undocumented skipOriginalStack on content errors. If an
  // Eleventy upgrade stops honouring it, a stack trace comes back here and this test fails.
  it("prints content problems as file: field: message lines with no stack trace", async () => {
    const output = path.join(mkdtempSync(path.join(tmpdir(), "dateline-npx-")), "_site");
    const failed = await eleventy(path.join(FIXTURES, "hostile/errors"), output);
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toMatch(/Dateline cannot build the site: \d+ problems in the content/);
    expect(failed.stderr).toMatch(/^\[11ty\]\s+posts\/\S+\.md: \w+/m);
    expect(failed.stderr).not.toContain("Original error stack trace");
    expect(failed.stderr).not.toMatch(/\n\s+at /);
  });
});
