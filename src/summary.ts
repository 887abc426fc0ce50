import type { Newsroom } from "./newsroom.ts";
import { GENERATED_PAGES } from "./pages.ts";

const plural = (count: number, one: string, many = `${one}s`) => `${count.toLocaleString("en")} ${count === 1 ? one : many}`;

/**
 * The build's closing line: what was published, what was held back, what was written, and when the
 * clock alone will next change the site (a scheduler's cue to rebuild).
 */
export function buildSummary(newsroom: Newsroom, files: number, seconds: number, unchanged = 0): string {
  const { drafts, embargoed, expired } = newsroom.held;
  const published = newsroom.articles.filter((article) => article.status === "published").length;
  const next = newsroom.nextChange ? `${newsroom.nextChange.at} (${newsroom.nextChange.reason})` : "none";
  return (
    `[dateline] ${newsroom.preview ? "preview: " : ""}${plural(published, "article")} published; ` +
    `held back: ${plural(drafts, "draft")}, ${embargoed} embargoed, ${expired} expired; ` +
    `${plural(files, "file")} written${unchanged ? ` (and ${plural(unchanged, "unchanged page")} kept)` : ""} in ${seconds.toFixed(1)} s; ` +
    `next change by the clock: ${next}`
  );
}

/** How many pages the generator will render for this newsroom, for the progress line. */
export function pagesToRender(newsroom: Newsroom): number {
  return GENERATED_PAGES.reduce((total, { each }) => {
    if (!each) return total + 1;
    const list = each.data.split(".").slice(1).reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], newsroom) as unknown[];
    return total + list.length;
  }, 0);
}

/**
 * "rendering 1,234 of 13,000 pages, 5 s" on one rewritten terminal line while a build runs; nothing
 * where the output is not a terminal or in CI, so logs stay quiet.
 */
export class Progress {
  private done = 0;
  private shownAt = 0;
  private readonly live: boolean;

  constructor(
    private readonly total: number,
    private readonly started: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    env: NodeJS.ProcessEnv = process.env,
  ) {
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

/** The last build in this process: its summary line, and the site's address as site.json's schema read it. */
export const lastBuild: { summary?: string; siteUrl?: string } = {};
