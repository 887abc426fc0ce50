import { afterAll, describe, expect, it } from "vitest";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { splitArticle } from "../src/content/frontmatter.ts";
import { epoch, FIXTURES, readNewsroom, runScript, writeSite } from "./helpers/site.ts";

const folders: string[] = [];
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

describe("npm run new", () => {
  it("starts a story in its section's folder, dated now in the site's zone, and a second of the same headline gets a slug of its own", async () => {
    const site = writeSite({}, path.join(FIXTURES, "wordpress/site"));
    folders.push(site);
    const clock = { SOURCE_DATE_EPOCH: epoch("2026-11-30T12:00:00Z") };
    const first = await runScript("new", ["Harbour: ferries run late again", "--section=news", "--dateline=PORT HALDEN", "--author=Jane Doe", "--author=Lena Berg", `--input=${site}`], clock);
    expect(first.code, first.stderr).toBe(0);
    const file = path.resolve(first.stdout.trim());
    expect(path.relative(site, file)).toBe("posts/news/harbour-ferries-run-late-again.md");
    const split = splitArticle(readFileSync(file, "utf8"));
    expect(split.ok && split.data).toEqual({
      title: "Harbour: ferries run late again",
      date: "2026-11-30T15:00+03:00",
      section: "news",
      dateline: { place: "PORT HALDEN" },
      authors: ["Jane Doe", "Lena Berg"],
    });
    // Without a story under the front matter, the build refuses to publish it.
    expect(readNewsroom(site, "2026-11-30T13:00:00Z").problems).toEqual(["posts/news/harbour-ferries-run-late-again.md: has no body: write the story below the front matter"]);
    const second = await runScript("new", ["Harbour: ferries run late again", "--section=news", "--draft", `--input=${site}`], clock);
    expect(path.relative(site, path.resolve(second.stdout.trim()))).toBe("posts/news/harbour-ferries-run-late-again-2.md");
    // The slug of the site's own story is taken whatever its file is called.
    const third = await runScript("new", ["Existing story", "--section=opinion", `--input=${site}`], clock);
    expect(path.relative(site, path.resolve(third.stdout.trim()))).toBe("posts/opinion/existing-story-2.md");
  });

  it("refuses a section the site does not have, naming those it has", async () => {
    const ran = await runScript("new", ["Headline", "--section=sportz", `--input=${path.join(FIXTURES, "wordpress/site")}`]);
    expect(ran.code).toBe(1);
    expect(ran.stderr.trim()).toBe('[dateline] new: --section: "sportz" is not a section in _data/site.json (known: news, opinion)');
    expect((await runScript("new", ["--section=news"])).code).toBe(2);
  });
});
