import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Newsroom } from "../model/newsroom.ts";
import { absolute } from "../model/structured-data.ts";
import { outputFile } from "../model/urls.ts";

/**
 * WebSub (W3C Recommendation): a site's feeds name its hub, and the publisher tells the hub when a
 * feed changed, so subscribers hear of a story in seconds instead of at their next poll.
 */

/** How long a hub may take to answer before the build goes on without it. */
const HUB_TIMEOUT_MS = 10_000;

/** The absolute addresses of the feeds whose file in `next` differs from the one in `published` (or is new there). */
export function changedFeeds(newsroom: Newsroom, next: string, published: string): string[] {
  const same = (file: string) => existsSync(path.join(published, file)) && readFileSync(path.join(next, file)).equals(readFileSync(path.join(published, file)));
  return newsroom.feeds
    .flatMap((feed) => [feed.atomUrl, feed.jsonUrl])
    .filter((url) => existsSync(path.join(next, outputFile(url))) && !same(outputFile(url)))
    .map((url) => absolute(newsroom.site, url));
}

/**
 * Tells the hub, one request a feed as hubs expect (`hub.mode=publish`, `hub.url`), that each feed
 * changed. Returns a line for the summary: what was told, or a warning for each feed the hub did
 * not take. A hub that is down never fails a build: the site is already published.
 */
export async function pingHub(hub: string, feeds: readonly string[]): Promise<string[]> {
  if (feeds.length === 0) return [];
  const failures: string[] = [];
  await Promise.all(
    feeds.map(async (feed) => {
      try {
        const response = await fetch(hub, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ "hub.mode": "publish", "hub.url": feed }),
          signal: AbortSignal.timeout(HUB_TIMEOUT_MS),
        });
        if (!response.ok) failures.push(`${feed}: the hub answered ${response.status} ${response.statusText}`.trim());
      } catch (error) {
        failures.push(`${feed}: ${(error as Error).name === "TimeoutError" ? `no answer in ${HUB_TIMEOUT_MS / 1000} s` : (error as Error).message}`);
      }
    }),
  );
  const told = feeds.length - failures.length;
  return [
    ...(told > 0 ? [`websub: told ${hub} of ${told} changed ${told === 1 ? "feed" : "feeds"}`] : []),
    ...failures.sort().map((failure) => `warning: websub: ${failure}; subscribers hear of it at their next poll`),
  ];
}
