import type { Newsroom } from "../model/newsroom.ts";

const plural = (count: number, one: string, many = `${one}s`) => `${count.toLocaleString("en")} ${count === 1 ? one : many}`;

/**
 * The build's closing line: what was published, what was held back, what was written, and when the
 * clock alone will next change the site (a scheduler's cue to rebuild).
 */
export function buildSummary(newsroom: Newsroom, files: number, seconds: number, unchanged = 0, photos?: { processed: number; fromCache: number }): string {
  const { drafts, embargoed, expired } = newsroom.held;
  const published = newsroom.articles.filter((article) => article.status === "published").length;
  const next = newsroom.nextChange ? `${newsroom.nextChange.at} (${newsroom.nextChange.reason})` : "none";
  return (
    `[dateline] ${newsroom.preview ? "preview: " : ""}${plural(published, "article")} published; ` +
    `held back: ${plural(drafts, "draft")}, ${embargoed} embargoed, ${expired} expired; ` +
    `${plural(files, "file")} written${unchanged ? ` (and ${plural(unchanged, "unchanged page")} kept)` : ""} in ${seconds.toFixed(1)} s; ` +
    (photos && newsroom.photos.length > 0 ? `photos: ${photos.processed.toLocaleString("en")} developed, ${photos.fromCache.toLocaleString("en")} from the cache; ` : "") +
    `next change by the clock: ${next}`
  );
}

/**
 * "rendering 1,234 of 13,000 pages, 5 s" on one rewritten terminal line while a build runs; nothing
 * where the output is not a terminal or in CI, so logs stay quiet.
 */
export class Progress {
  private done = 0;
  private shownAt = 0;
  private readonly live: boolean;
  private readonly total: number;
  private readonly started: number;
  private readonly stream: NodeJS.WriteStream;

  constructor(total: number, started: number, stream: NodeJS.WriteStream = process.stderr, env: NodeJS.ProcessEnv = process.env) {
    this.total = total;
    this.started = started;
    this.stream = stream;
    this.live = Boolean(stream.isTTY) && !env.CI;
  }

  tick(): void {
    this.done++;
    const now = performance.now();
    if (!this.live || now - this.shownAt < 200) return;
    this.shownAt = now;
    this.stream.write(`\r[dateline] rendering ${this.done.toLocaleString("en")} of ${this.total.toLocaleString("en")} pages, ${((now - this.started) / 1000).toFixed(0)} s\x1b[K`);
  }

  end(): void {
    if (this.live && this.shownAt > 0) this.stream.write("\r\x1b[K");
  }
}
