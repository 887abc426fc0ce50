import { describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { BuildSession } from "../src/eleventy/session.ts";
import { epoch, FIXTURES, sitePaths as paths, writeSite } from "./helpers/site.ts";


describe("a build session under npm start", () => {
  it("reads the newsroom afresh for each rebuild, and after a rebuild that failed midway", () => {
    const input = writeSite({}, path.join(FIXTURES, "wire"));
    const story = path.join(input, "posts/news/russia/duma-ready-for-talks.md");
    const retitle = (title: string) => writeFileSync(story, readFileSync(story, "utf8").replace(/^title: .*$/m, `title: ${title}`));
    const session = new BuildSession({ env: { SOURCE_DATE_EPOCH: epoch("2022-01-19T12:00:00Z") }, preview: true, onSummary: () => undefined });
    const titles = () => session.current(paths(input)).articles.map((article) => article.title);

    session.startRun();
    retitle("EDIT ONE");
    expect(titles()).toContain("EDIT ONE");
    session.endRun([]);

    // A rebuild that fails in a template: Eleventy never reports its end.
    session.startRun();
    retitle("EDIT TWO");
    expect(titles()).toContain("EDIT TWO");

    session.startRun();
    retitle("EDIT THREE");
    expect(titles()).toContain("EDIT THREE");
    expect(titles()).not.toContain("EDIT TWO");
    session.endRun([]);
    expect(session.summary).toMatch(/^\[dateline\] preview: \d+ articles published/);
  });
});
