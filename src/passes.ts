import type { FrontPage } from "./fronts.ts";
import type { Newsroom, PublishedArticle } from "./newsroom.ts";
import type { Progress } from "./summary.ts";

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

export interface Pass {
  articles: readonly PublishedArticle[];
  fronts: readonly FrontPage[];
}

/** Set by the build command; unset (npm start, check), a build is one pass. */
export const passState: { active: boolean; index: number; passes: Pass[]; newsroom?: Newsroom; written: number; progress?: Progress } = {
  active: false,
  index: 0,
  passes: [],
  written: 0,
};

export function startPasses(): void {
  Object.assign(passState, { active: true, index: 0, passes: [], newsroom: undefined, written: 0, progress: undefined });
}

/** Fronts first (they are few and change most), then articles, PAGES_PER_PASS pages a pass. */
export function splitIntoPasses(articles: readonly PublishedArticle[], fronts: readonly FrontPage[], size = pagesPerPass()): Pass[] {
  const passes: Pass[] = [];
  for (let start = 0; start < fronts.length + articles.length || passes.length === 0; start += size) {
    const end = start + size;
    passes.push({
      fronts: fronts.slice(start, end),
      articles: articles.slice(Math.max(0, start - fronts.length), Math.max(0, end - fronts.length)),
    });
  }
  return passes;
}
