import { writeSite } from "./site.ts";

export interface GeneratedArticle {
  slug: string;
  section: string;
  date: string;
  tags?: string[];
  authors?: string[];
  draft?: boolean;
}

const yamlList = (items: string[]) => `[${items.map((item) => JSON.stringify(item)).join(", ")}]`;

/** A small site written to the content contract, with articles described in one line each. */
export function generatedSite(site: Record<string, unknown>, articles: GeneratedArticle[], extra: Record<string, string> = {}): string {
  const files: Record<string, string> = { "_data/site.json": JSON.stringify(site, null, 2), ...extra };
  for (const article of articles) {
    const front = [
      `title: "Story ${article.slug}"`,
      `date: ${article.date}`,
      `section: ${article.section}`,
      `summary: "Summary of ${article.slug}."`,
      article.tags ? `tags: ${yamlList(article.tags)}` : "",
      article.authors ? `authors: ${yamlList(article.authors)}` : "",
      article.draft ? "draft: true" : "",
    ].filter(Boolean);
    files[`posts/${article.slug}.md`] = `---\n${front.join("\n")}\n---\nBody of ${article.slug}.\n`;
  }
  return writeSite(files);
}
