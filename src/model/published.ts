import type { Article, ArticleStatus, Named } from "./articles.ts";
import type { Comment } from "../content/comments.ts";

/** An article as its pages show it: bylines and tags with their pages, its comments, its status ("published" unless previewing). */
export interface PublishedArticle extends Omit<Article, "authors" | "tags"> {
  authors: Named[];
  tags: Named[];
  comments: Comment[];
  status: ArticleStatus;
  /** Minutes a reader takes to read it, when site.json's `readingTime` asks for them. */
  readingMinutes?: number | undefined;
  /** A hash of all its page is made from besides the site's chrome: file, comments, tag and byline addresses. */
  fingerprint: string;
}
