import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { epoch, FIXTURES, writeSite } from "./site.ts";

/** The wire fixture and a story in it, for the tests of publishing: the story must be gone from every file once drafted. */

export const WIRE = path.join(FIXTURES, "wire");
export const CLOCK = { SOURCE_DATE_EPOCH: epoch("2022-01-19T12:00:00Z") };
const STORY = "posts/news/russia/duma-ready-for-talks.md";
export const HEADLINE = "Lawmakers ready for talks with partners on security";

/** The wire fixture with files a host needs, in public/. */
export const siteWithPublic = () => writeSite({ "public/CNAME": "wire.example.org\n", "public/.well-known/security.txt": "Contact: mailto:security@example.org\n" }, WIRE);

/** Sets the story to a draft: after this, its headline must appear in no published file. */
export const draftTheStory = (input: string) => {
  const file = path.join(input, STORY);
  writeFileSync(file, readFileSync(file, "utf8").replace(/^---\n/, "---\ndraft: true\n"));
};
