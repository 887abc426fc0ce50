import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { makePhoto } from "./photos.ts";

/**
 * A deterministic synthetic newsroom in the content contract's format: the same N and seed always
 * write the same files, so builds can be compared across tools and across runs.
 */

const WORDS = (
  "the council said on a statement after talks with officials from port city harbour minister government " +
  "budget vote plan report agency sources according to residents workers union company shares market " +
  "election party leader police court trial energy prices weather storm ferry school hospital water " +
  "project contract million percent year week month first second new old local regional national " +
  "would could should will may has have had been was were is are it its their they them this that these"
).split(" ");

const TOP_SECTIONS = ["news", "business", "politics", "world", "science", "sport", "culture", "opinion"];
const SUBSECTIONS: Record<string, string[]> = { news: ["local", "crime"], business: ["markets", "tech"], sport: ["football", "sailing"] };

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedSite {
  articles: number;
  sections: string[];
}

export function siteJson(popular: string[]): Record<string, unknown> {
  return {
    title: "Benchmark Herald",
    url: "https://bench.example.org",
    language: "en",
    timezone: "Europe/Berlin",
    nav: TOP_SECTIONS.map((key) => ({
      key,
      title: key[0]!.toUpperCase() + key.slice(1),
      ...(SUBSECTIONS[key] ? { children: SUBSECTIONS[key]!.map((child) => ({ key: child, title: child[0]!.toUpperCase() + child.slice(1) })) } : {}),
    })),
    popular,
    comments: { enabled: true, endpoint: "https://comments.example.org/submit" },
  };
}

export interface Article {
  slug: string;
  title: string;
  date: string;
  section: string;
  tags: string[];
  authors: string[];
  summary: string;
  place: string;
  body: string;
}

/** The `index`-th article of a corpus: each is a pure function of (index, seed), so adding one changes nothing else. */
export function article(index: number, seed = 1): Article {
  const next = random(seed * 1_000_003 + index);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const words = (count: number) => Array.from({ length: count }, () => pick(WORDS)).join(" ");
  const sentence = () => {
    const text = words(8 + Math.floor(next() * 14));
    return text[0]!.toUpperCase() + text.slice(1) + ".";
  };
  const paragraph = () => Array.from({ length: 3 + Math.floor(next() * 3) }, sentence).join(" ");

  const sections = Object.entries(SUBSECTIONS).flatMap(([, children]) => children).concat(TOP_SECTIONS);
  // Skewed tags: tag k is drawn with weight ~ 1/(k+1), so a few tags are huge and most are small.
  const tag = () => `topic ${Math.floor(Math.exp(next() * Math.log(201))) - 1}`;
  const tags = [...new Set(Array.from({ length: 2 + Math.floor(next() * 3) }, tag))];
  const authors = [`Reporter ${Math.floor(next() * 50)}`, ...(next() < 0.2 ? [`Reporter ${Math.floor(next() * 50)}`] : [])];
  const start = Date.UTC(2023, 0, 1);
  const threeYears = 3 * 365 * 24 * 3600 * 1000;
  const date = new Date(start + Math.floor(next() * threeYears)).toISOString().replace(/\.\d{3}Z$/, "Z");

  const target = 400 + Math.floor(next() * 500);
  const blocks: string[] = [];
  let count = 0;
  while (count < target) {
    const kind = blocks.length === 3 ? "heading" : next() < 0.08 ? "quote" : next() < 0.1 ? "link" : "paragraph";
    const text = kind === "heading" ? `## ${words(4)}` : kind === "quote" ? `> ${sentence()}` : kind === "link" ? `${sentence()} See the [full report](https://example.org/report/${index}).` : paragraph();
    blocks.push(text);
    count += text.split(" ").length;
  }
  return {
    slug: `story-${index}`,
    title: sentence().slice(0, -1),
    date,
    section: pick(sections),
    tags,
    authors,
    summary: sentence(),
    place: pick(["BERLIN", "HAMBURG", "KIEL", "ROSTOCK", "BREMEN"]),
    body: blocks.join("\n\n"),
  };
}

export function articleFile(a: Article): string {
  return [
    "---",
    `title: ${JSON.stringify(a.title)}`,
    `date: ${a.date}`,
    `section: ${a.section}`,
    `dateline: { place: ${a.place}, source: Herald }`,
    `authors: ${JSON.stringify(a.authors)}`,
    `tags: ${JSON.stringify(a.tags)}`,
    `summary: ${JSON.stringify(a.summary)}`,
    "---",
    a.body,
    "",
  ].join("\n");
}

/** Where each tool reads the articles from, relative to its site folder. */
export type Layout = "dateline" | "eleventy" | "hugo";
const POSTS: Record<Layout, string> = { dateline: "posts", eleventy: "posts", hugo: "content/posts" };

/**
 * Gives every `every`-th article of a Dateline site a hero photo, a camera-sized (3000 × 2000) JPEG of
 * its own in media/, for measuring builds with photos.
 */
export async function addPhotos(dir: string, count: number, every: number, seed = 1): Promise<number> {
  let photos = 0;
  for (let i = 0; i < count; i += every) {
    const a = article(i, seed);
    await makePhoto(path.join(dir, "media", String(Math.floor(i / 1000)), `${a.slug}.jpg`), 3000, 2000, i + 1);
    const file = path.join(dir, POSTS.dateline, String(Math.floor(i / 1000)), `${a.slug}.md`);
    const src = `/media/${Math.floor(i / 1000)}/${a.slug}.jpg`;
    writeFileSync(file, articleFile(a).replace("\n---\n", `\nimage: { src: ${src}, alt: ${JSON.stringify(`A photograph for ${a.title}`)}, credit: "Photo: Herald" }\n---\n`));
    photos++;
  }
  return photos;
}

/** Writes an article (the `index`-th of the corpus) where a site of the given layout keeps it. */
export function writeArticle(dir: string, layout: Layout, a: Article, index: number): string {
  const folder = path.join(dir, POSTS[layout], String(Math.floor(index / 1000)));
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `${a.slug}.md`);
  writeFileSync(file, articleFile(a));
  return file;
}

/**
 * Writes N articles into `dir` (emptied first) as the given tool reads them: the same text and front
 * matter for all three. A Dateline site also gets comments on every tenth article and site.json.
 */
export function generateSite(dir: string, count: number, seed = 1, layout: Layout = "dateline"): void {
  rmSync(dir, { recursive: true, force: true });
  if (layout === "dateline") mkdirSync(path.join(dir, "_data/comments"), { recursive: true });
  for (let i = 0; i < count; i++) {
    const a = article(i, seed);
    writeArticle(dir, layout, a, i);
    if (layout === "dateline" && i % 10 === 0) {
      const comments = [1, 2, 3].map((n) => ({ id: `c${n}`, author: `Reader ${n}`, date: new Date(Date.parse(a.date) + n * 3_600_000).toISOString(), text: `Comment ${n} on story ${i}.` }));
      writeFileSync(path.join(dir, "_data/comments", `${a.slug}.json`), JSON.stringify(comments));
    }
  }
  if (layout !== "dateline") return;
  const popular = [0, 1, 2, 3, 4].map((n) => `story-${Math.floor((count / 5) * n)}`);
  writeFileSync(path.join(dir, "_data/site.json"), JSON.stringify(siteJson(popular), null, 2));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, count, layout = "dateline"] = process.argv.slice(2);
  if (!dir || !count) throw new Error("usage: tsx bench/generate.ts <folder> <number of articles> [dateline|eleventy|hugo]");
  generateSite(dir, Number(count), 1, layout as Layout);
}
