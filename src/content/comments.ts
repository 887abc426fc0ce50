import { parseJson, type ContentProblem } from "./errors.ts";
import { parseContentDate, stamp, type Stamp } from "./dates.ts";
import { commentsSchema, issuesToProblems } from "./schema.ts";
import { illegalCharacters } from "./characters.ts";

/** A reader's comment. Its text is the reader's words: kept as plain text, split into paragraphs, always escaped. */
export interface Comment {
  id: string;
  anchor: string;
  author: string;
  posted: Stamp;
  paragraphs: string[];
  /** The comment this one answers, when that one is shown: it is shown among that one's replies, not on its own. */
  replyTo?: string | undefined;
  /** The answers to this comment, oldest first. */
  replies: Comment[];
}

export interface RecentComment {
  comment: Comment;
  article: { title: string; url: string; language?: string | undefined };
}

/** When the article the comments are on was published, and the build clock, both in epoch milliseconds. */
export interface CommentWindow {
  published: { ms: number; iso: string };
  now: number;
}

export interface ReadComments {
  comments: Comment[];
  problems: ContentProblem[];
  /** Comments dated after the build clock: held back until a build after their time, each with the line that says so. */
  later: { ms: number; warning: string }[];
}

/**
 * Reads `_data/comments/<slug>.json` for its article, in the article's time zone, oldest first as a
 * thread reads. A comment dated before its article is a problem; one dated after the build clock is
 * held back until then, so a wrong clock cannot pin it atop "Recent Comments" for years.
 */
export function readComments(file: string, source: string, timezone: string, locale: string, window: CommentWindow): ReadComments {
  const json = parseJson(file, source);
  if (!json.ok) return { comments: [], problems: [json.problem], later: [] };
  const illegal = illegalCharacters(file, json.value);
  if (illegal.length > 0) return { comments: [], problems: illegal, later: [] };
  const parsed = commentsSchema.safeParse(json.value);
  if (!parsed.success) return { comments: [], problems: issuesToProblems(file, parsed.error), later: [] };

  const later: ReadComments["later"] = [];
  const problems: ContentProblem[] = [];
  const comments: Comment[] = [];
  const anchors = new Set<string>();
  parsed.data.forEach((input, index) => {
    const id = String(input.id);
    const anchor = `comment-${id.replace(/[^A-Za-z0-9_-]/g, "-")}`;
    const date = parseContentDate(input.date, timezone);
    if (!date.ok) {
      problems.push({ file, field: `[${index}].date`, message: date.reason });
      return;
    }
    if (anchors.has(anchor)) {
      problems.push({ file, field: `[${index}].id`, message: `"${id}" is used by another comment on this article; ids must be unique` });
      return;
    }
    anchors.add(anchor);
    const ms = date.value.toMillis();
    if (ms < window.published.ms) {
      problems.push({ file, field: `[${index}].date`, message: `${input.date} is before the article was published (${window.published.iso}); a comment cannot be older than its story` });
      return;
    }
    if (ms > window.now) {
      later.push({ ms, warning: `${file}: [${index}].date: ${input.date} is after the build clock; the comment is held back until a build after that time` });
      return;
    }
    comments.push({ id, anchor, author: input.author, posted: stamp(date.value, locale), paragraphs: toParagraphs(input.text), replies: [] });
  });
  comments.sort((a, b) => a.posted.ms - b.posted.ms || a.id.localeCompare(b.id));
  problems.push(...thread(file, parsed.data, comments));
  return { comments, problems, later };
}

/**
 * Puts each reply under the comment it answers. That comment must be on the same article and not
 * newer than the reply (so no thread can loop); one held back by the clock holds its replies back
 * too, since they are newer still.
 */
function thread(file: string, inputs: readonly { id: string | number; replyTo?: string | number | undefined }[], comments: readonly Comment[]): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const byId = new Map(comments.map((comment) => [comment.id, comment]));
  const written = new Set(inputs.map((input) => String(input.id)));
  inputs.forEach((input, index) => {
    if (input.replyTo === undefined) return;
    const reply = byId.get(String(input.id));
    const parent = byId.get(String(input.replyTo));
    const field = `[${index}].replyTo`;
    if (!written.has(String(input.replyTo)) || String(input.replyTo) === String(input.id)) {
      problems.push({ file, field, message: `"${input.replyTo}" is not the id of another comment on this article` });
    } else if (reply && parent && parent.posted.ms > reply.posted.ms) {
      problems.push({ file, field, message: `answers "${input.replyTo}", which is dated after it; a reply cannot be older than the comment it answers` });
    } else if (reply && parent) {
      reply.replyTo = parent.id;
      parent.replies.push(reply);
    }
  });
  return problems;
}

function toParagraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 0);
}

/** The newest comments across the site, for the sidebar. */
export function recentComments(articles: Iterable<{ title: string; url: string; language?: string | undefined; comments: readonly Comment[] }>, count: number): RecentComment[] {
  const all: RecentComment[] = [];
  for (const article of articles) {
    for (const comment of article.comments) all.push({ comment, article: { title: article.title, url: article.url, language: article.language } });
  }
  return all.sort((a, b) => b.comment.posted.ms - a.comment.posted.ms || a.comment.id.localeCompare(b.comment.id)).slice(0, count);
}
