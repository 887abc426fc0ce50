import type { Newsroom } from "./newsroom.ts";

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/**
 * The build's closing lines: what was published, what was held back, what was written, and when the
 * clock alone will next change the site (a scheduler's cue to rebuild).
 */
export function buildSummary(newsroom: Newsroom, files: number, seconds: number): string {
  const { drafts, embargoed, expired } = newsroom.held;
  const published = newsroom.articles.filter((article) => article.status === "published").length;
  const lines = [
    `[dateline] ${newsroom.preview ? "preview: " : ""}${plural(published, "article")} published; held back: ${plural(drafts, "draft")}, ${embargoed} embargoed, ${expired} expired; ${plural(files, "file")} written in ${seconds.toFixed(1)} s`,
  ];
  lines.push(
    newsroom.nextChange
      ? `[dateline] next change by the clock: ${newsroom.nextChange.at} (${newsroom.nextChange.reason})`
      : "[dateline] next change by the clock: none (no embargo, expiry or news-sitemap exit ahead)",
  );
  return lines.join("\n");
}
