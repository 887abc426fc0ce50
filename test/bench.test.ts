import { describe, expect, it } from "vitest";
import { runScript } from "./helpers/site.ts";
import { article, articleFile } from "../bench/generate.ts";

describe("the benchmark", () => {
  it("generates the same article for the same index, whatever else is generated", () => {
    expect(articleFile(article(7))).toBe(articleFile(article(7)));
    expect(article(7).body.split(/\s+/).length).toBeGreaterThanOrEqual(400);
    expect(article(7).body).toMatch(/^## /m);
  });

  it("runs end to end at a tiny size and prints its table", async () => {
    const { code, stdout: output, stderr } = await runScript("bench/run.ts", ["--sizes=40", "--runs=1", "--republish=40", "--skip-warm-up"]);
    expect(code, stderr).toBe(0);
    expect(output).toMatch(/\| 40 \| Dateline \| [\d.]+ \| [\d.?]+ \| [\d?]+ \| [\d,]+ \| [\d.]+ \| -?[\d.]+ \| [\d.]+ \|/);
    expect(output).toMatch(/\| 40 \| Eleventy \| [\d.]+ \| [\d.?]+ \| [\d?]+ \| [\d,]+ \| [\d.]+ \| {2}\| {2}\|/);
    // A new story and a typo, each published into the site of 40 stories with search and photos.
    expect(output).toMatch(/\| 40 \| \d+ \| [\d.]+ \| [\d.?]+ \| [\d.]+ \| [\d.]+ \| [\d.?]+ \| [\d,]+, [\d,]+ \|/);
  }, 240_000);
});
