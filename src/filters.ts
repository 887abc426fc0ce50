import type { MarkdownIt } from "markdown-it";
import { createArticleMarkdown } from "./markdown.ts";
import type { Article } from "./articles.ts";
import type { Newsroom } from "./newsroom.ts";

interface FilterHost {
  addFilter(name: string, filter: (...args: never[]) => unknown): void;
}

/** Template filters, registered together. Each is a pure function of its arguments. */
export function filtersPlugin(eleventyConfig: FilterHost): void {
  const renderers = new Map<boolean, MarkdownIt>();

  /** The article's body as HTML, its first paragraph opened by the dateline. Markdown-it escapes what it does not render. */
  eleventyConfig.addFilter("articleBody", (article: Article, newsroom: Newsroom) => {
    const html = newsroom.site.markdown.html;
    let md = renderers.get(html);
    if (!md) renderers.set(html, (md = createArticleMarkdown({ html })));
    return md.render(article.body, { dateline: article.dateline });
  });

}
