import type { DateTime } from "luxon";
import type { Article } from "./articles.ts";

/** How long a story stays in the Google News sitemap after publication. */
export const NEWS_WINDOW_MS = 48 * 3600 * 1000;

export interface ClockChange {
  /** ISO 8601, UTC. */
  at: string;
  reason: string;
}

/**
 * The next moment the site's output changes by the clock alone, with no edit: an embargo lifts, a
 * published article expires, a story leaves the news sitemap, or a comment held back comes due (`also`).
 * A scheduler rebuilds then.
 */
export function nextClockChange(published: readonly Article[], embargoed: readonly Article[], now: DateTime, also: readonly { ms: number; reason: string }[] = []): ClockChange | undefined {
  const nowMs = now.toMillis();
  const candidates: { ms: number; reason: string }[] = [...also];
  for (const article of embargoed) candidates.push({ ms: article.published.ms, reason: `embargo lifts on ${article.file}` });
  for (const article of published) {
    if (article.expires && article.expires.ms > nowMs) candidates.push({ ms: article.expires.ms, reason: `${article.file} expires` });
    const leavesNews = article.published.ms + NEWS_WINDOW_MS;
    if (leavesNews > nowMs) candidates.push({ ms: leavesNews, reason: `${article.file} leaves the news sitemap` });
  }
  const next = candidates.filter((c) => c.ms > nowMs).sort((a, b) => a.ms - b.ms || a.reason.localeCompare(b.reason))[0];
  return next && { at: new Date(next.ms).toISOString().replace(/\.000Z$/, "Z"), reason: next.reason };
}
