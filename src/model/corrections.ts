import type { Correction } from "./articles.ts";
import type { PublishedArticle } from "./published.ts";

export interface CorrectionEntry {
  article: PublishedArticle;
  correction: Correction;
}

/** Every correction on the site, newest first: the `/corrections/` page and its feed. */
export function listCorrections(articles: readonly PublishedArticle[]): CorrectionEntry[] {
  return articles
    .flatMap((article) => article.corrections.map((correction) => ({ article, correction })))
    .sort((a, b) => b.correction.date.ms - a.correction.date.ms || a.article.url.localeCompare(b.article.url));
}
