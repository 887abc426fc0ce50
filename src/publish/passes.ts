import type { FrontPage } from "../model/fronts.ts";
import type { PublishedArticle } from "../model/published.ts";
import type { Redirect } from "../model/newsroom.ts";
import type { RenderShare } from "../eleventy/session.ts";

/**
 * Eleventy keeps every page it renders in memory until its run ends: at 50,000 articles that alone
 * passes 2 GiB. The build command therefore renders a large site in passes of at most this many
 * article and front pages, each pass a fresh Eleventy run over the same newsroom (read once), so only
 * one pass's pages are held at a time.
 */
export const PAGES_PER_PASS = 8_000;

/** DATELINE_PAGES_PER_PASS lowers (or raises) the pass size: fewer pages a pass, less memory, a little more time. */
export function pagesPerPass(env: NodeJS.ProcessEnv = process.env): number {
  const wanted = Number(env.DATELINE_PAGES_PER_PASS);
  return Number.isInteger(wanted) && wanted > 0 ? wanted : PAGES_PER_PASS;
}

/**
 * Fronts first (they are few and change most), then articles, then their ninjs files, `size` pages a
 * pass; every other page goes in the first, and so do the redirect pages, a few hundred bytes each.
 */
export function splitIntoPasses(articles: readonly PublishedArticle[], fronts: readonly FrontPage[], redirects: readonly Redirect[], ninjs: readonly PublishedArticle[], size: number): RenderShare[] {
  const passes: RenderShare[] = [];
  const slice = <T>(items: readonly T[], before: number, start: number, end: number) => items.slice(Math.max(0, start - before), Math.max(0, end - before));
  for (let start = 0; start < fronts.length + articles.length + ninjs.length || passes.length === 0; start += size) {
    const end = start + size;
    passes.push({
      fronts: fronts.slice(start, end),
      articles: slice(articles, fronts.length, start, end),
      ninjs: slice(ninjs, fronts.length + articles.length, start, end),
      redirects: passes.length === 0 ? redirects : [],
      others: passes.length === 0,
    });
  }
  return passes;
}
