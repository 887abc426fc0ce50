import type { PublishedArticle } from "./published.ts";

/** How many stories a page offers after its last paragraph. */
export const RELATED_COUNT = 4;
/** How far along a tag's or a section's list (newest first) a story looks for others: its neighbours in time. */
const WINDOW = 6;
/** A shared tag says more than a shared section. */
const TAG_WEIGHT = 2;
const SECTION_WEIGHT = 1;

/**
 * The stories to offer after each story: those sharing most of its tags and its section, nearest
 * to it in time. A story looks only at its neighbours in each of its tags' and its section's lists,
 * so the work grows with the archive, never with its square: a tag on 50,000 stories costs each of
 * them a dozen comparisons, not 50,000.
 */
export function relatedStories(articles: readonly PublishedArticle[], count = RELATED_COUNT): Map<PublishedArticle, PublishedArticle[]> {
  // Every list a story is on (its tags', its section's), newest first as `articles` is.
  const lists = new Map<string, { members: number[] }>();
  const join = (key: string, index: number) => {
    let list = lists.get(key);
    if (!list) lists.set(key, (list = { members: [] }));
    list.members.push(index);
  };
  articles.forEach((article, index) => {
    for (const tag of article.tags) join(`tag:${tag.slug}`, index);
    join(`section:${article.section.key}`, index);
  });
  // Where each story stands on each of its lists.
  const places: { list: number[]; at: number }[][] = articles.map(() => []);
  for (const { members } of lists.values()) members.forEach((index, at) => places[index]!.push({ list: members, at }));

  const related = new Map<PublishedArticle, PublishedArticle[]>();
  const scores = new Map<number, number>();
  // The windows find the candidates; each is then scored on all it shares, not only where it was found.
  const tagSets = articles.map((article) => new Set(article.tags.map((tag) => tag.slug)));
  articles.forEach((article, index) => {
    scores.clear();
    for (const { list, at } of places[index]!) {
      for (let near = Math.max(0, at - WINDOW); near <= Math.min(list.length - 1, at + WINDOW); near++) {
        const other = list[near]!;
        if (other === index || scores.has(other)) continue;
        let score = articles[other]!.section.key === article.section.key ? SECTION_WEIGHT : 0;
        for (const tag of tagSets[other]!) if (tagSets[index]!.has(tag)) score += TAG_WEIGHT;
        scores.set(other, score);
      }
    }
    const ms = article.published.ms;
    const ranked = [...scores]
      .sort(([a, sa], [b, sb]) => sb - sa || Math.abs(articles[a]!.published.ms - ms) - Math.abs(articles[b]!.published.ms - ms) || a - b)
      .slice(0, count)
      .map(([other]) => articles[other]!);
    related.set(article, ranked);
  });
  return related;
}
