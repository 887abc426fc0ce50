import { describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import path from "node:path";
import { epoch, expectedLines, FIXTURES, reported, runScript, writeSite } from "./helpers/site.ts";

const check = (input: string) => runScript("check", [`--input=${input}`], { SOURCE_DATE_EPOCH: epoch("2022-01-19T12:00:00Z") });

describe("npm run check", () => {
  it("passes a valid site whose links all lead somewhere, and writes no _site/", async () => {
    const input = writeSite({}, path.join(FIXTURES, "wire"));
    const result = await check(input);
    expect(result.stderr).not.toContain("broken");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/check passed: content is valid; \d+ internal links in \d+ pages all lead somewhere/);
    expect(existsSync(path.join(input, "_site"))).toBe(false);
  });

  it("names each page with a link to a missing page or anchor", async () => {
    const input = writeSite(
      {
        "posts/business/dead-links.md":
          "---\ntitle: Dead links\ndate: 2021-12-21T10:00\nsection: business\n---\nSee [the old story](/news/no-such-story/), [a comment](/news/russia/duma-ready-for-talks/#comment-c9) and [the form](#respond).\n",
      },
      path.join(FIXTURES, "wire"),
    );
    const result = await check(input);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("business/dead-links/index.html: link /news/no-such-story/: no such page or file");
    expect(result.stderr).toContain('business/dead-links/index.html: link /news/russia/duma-ready-for-talks/#comment-c9: news/russia/duma-ready-for-talks/index.html has no element with id "comment-c9"');
    expect(result.stderr).not.toContain("#respond:");
    expect(result.stderr).toContain("check failed: 2 broken internal links");
  });

  it("reports exactly the problems and warnings a build reports", async () => {
    const fixture = path.join(FIXTURES, "hostile/errors-2");
    const result = await runScript("check", [`--input=${fixture}`], { SOURCE_DATE_EPOCH: epoch("2024-05-02T00:00:00Z") });
    expect(result.code).not.toBe(0);
    expect(reported(result.stderr)).toEqual(expectedLines(fixture));
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
