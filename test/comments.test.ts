import { afterAll, describe, expect, it } from "vitest";
import { rmSync } from "node:fs";
import { readNewsroom, writeSite } from "./helpers/site.ts";

const folders: string[] = [];
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

function thread(comments: Record<string, unknown>[]) {
  const dir = writeSite({
    "_data/site.json": JSON.stringify({ title: "Old Town Post", url: "https://post.example.org", timezone: "UTC", nav: [{ key: "news", title: "News" }] }),
    "posts/ferry.md": "---\ntitle: Ferry\ndate: 2026-11-01T10:00\nsection: news\n---\nText.\n",
    "_data/comments/ferry.json": JSON.stringify(comments),
  });
  folders.push(dir);
  return readNewsroom(dir, "2026-11-30T12:00:00Z");
}

describe("replies (replyTo)", () => {
  it("stand under the comment they answer, a reply's replies under it, each counted once", () => {
    const read = thread([
      { id: 1, author: "A", date: "2026-11-02T10:00", text: "First." },
      { id: "b", author: "B", date: "2026-11-02T11:00", text: "Answer to A.", replyTo: 1 },
      { id: 3, author: "C", date: "2026-11-02T12:00", text: "Answer to B.", replyTo: "b" },
      { id: 4, author: "D", date: "2026-11-02T13:00", text: "On its own." },
    ]);
    expect(read.problems).toEqual([]);
    const comments = read.newsroom!.articles[0]!.comments;
    expect(comments.map((comment) => [comment.id, comment.replyTo])).toEqual([["1", undefined], ["b", "1"], ["3", "b"], ["4", undefined]]);
    expect(comments[0]!.replies.map((reply) => reply.id)).toEqual(["b"]);
    expect(comments[1]!.replies.map((reply) => reply.id)).toEqual(["3"]);
  });

  it("must answer another comment of the article that is not newer than the reply", () => {
    const read = thread([
      { id: 1, author: "A", date: "2026-11-02T10:00", text: "First." },
      { id: 2, author: "B", date: "2026-11-02T09:00", text: "Older than what it answers.", replyTo: 1 },
      { id: 3, author: "C", date: "2026-11-02T12:00", text: "Answers nothing here.", replyTo: 99 },
      { id: 4, author: "D", date: "2026-11-02T13:00", text: "Answers itself.", replyTo: 4 },
    ]);
    expect(read.problems).toEqual([
      '_data/comments/ferry.json: [1].replyTo: answers "1", which is dated after it; a reply cannot be older than the comment it answers',
      '_data/comments/ferry.json: [2].replyTo: "99" is not the id of another comment on this article',
      '_data/comments/ferry.json: [3].replyTo: "4" is not the id of another comment on this article',
    ]);
  });

  it("to a comment held back by the clock wait with it", () => {
    const read = thread([
      { id: 1, author: "A", date: "2027-01-01T10:00", text: "From the future." },
      { id: 2, author: "B", date: "2027-01-01T11:00", text: "Its answer.", replyTo: 1 },
    ]);
    expect(read.problems).toEqual([]);
    expect(read.newsroom!.articles[0]!.comments).toEqual([]);
  });
});
