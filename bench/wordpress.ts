import { closeSync, openSync, writeSync } from "node:fs";
import { article } from "./generate.ts";

/**
 * A synthetic WordPress export of `count` posts for the import benchmark, deterministic, written as
 * WordPress writes one: half classic posts (no paragraphs, a [caption]), half block-editor posts,
 * Yoast and editor meta, a featured image each (an attachment with PHP-serialised metadata), tags,
 * two categories, and comments (approved, pending and a pingback). About 20 KB a post, as the
 * exports of news sites run: 10,000 posts make some 200 MB.
 */
export function writeExport(file: string, count: number): void {
  const fd = openSync(file, "w");
  const write = (text: string) => writeSync(fd, text);
  const cdata = (text: string) => `<![CDATA[${text}]]>`;
  write(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Benchmark Herald</title><link>https://old.bench.example.org</link><language>en-US</language>
<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://old.bench.example.org</wp:base_site_url><wp:base_blog_url>https://old.bench.example.org</wp:base_blog_url>
`);
  for (let r = 0; r < 50; r++) {
    write(`<wp:author><wp:author_id>${r + 1}</wp:author_id><wp:author_login>${cdata(`reporter${r}`)}</wp:author_login><wp:author_display_name>${cdata(`Reporter ${r}`)}</wp:author_display_name></wp:author>\n`);
  }
  const sections = ["news", "business", "politics", "world", "science", "sport", "culture", "opinion", "local", "crime", "markets", "tech"];
  sections.forEach((key, i) => {
    const parent = i >= 8 ? (i < 10 ? "news" : "business") : "";
    write(`<wp:category><wp:term_id>${i + 2}</wp:term_id><wp:category_nicename>${cdata(key)}</wp:category_nicename><wp:category_parent>${cdata(parent)}</wp:category_parent><wp:cat_name>${cdata(key[0]!.toUpperCase() + key.slice(1))}</wp:cat_name></wp:category>\n`);
  });
  for (let index = 0; index < count; index++) {
    const a = article(index);
    const b = article(index + 1_000_000);
    const id = index * 2 + 100;
    const date = a.date.replace("T", " ").replace("Z", "");
    const year = a.date.slice(0, 4);
    const month = a.date.slice(5, 7);
    const paragraphs = `${a.body}\n\n${b.body}`.split("\n\n").map((text) => text.replace(/^## /, "").replace(/^> /, "").replace(/\[full report\]\(([^)]+)\)/, '<a href="$1">full report</a>'));
    const image = `https://old.bench.example.org/wp-content/uploads/${year}/${month}/photo-${index}.jpg`;
    const classic = index % 2 === 0;
    const body = classic
      ? `${a.place}, ${month}. /Herald/. ${paragraphs.join("\n\n")}\n\n[caption id="attachment_${id + 1}" align="alignnone" width="300"]<img src="${image.replace(".jpg", "-300x200.jpg")}" alt="A photo" width="300" height="200" /> A caption for story ${index}.[/caption]`
      : paragraphs.map((text) => `<!-- wp:paragraph -->\n<p>${text}</p>\n<!-- /wp:paragraph -->`).join("\n\n") +
        `\n\n<!-- wp:image {"id":${id + 1},"sizeSlug":"large"} -->\n<figure class="wp-block-image size-large"><img src="${image}" alt="A photo" class="wp-image-${id + 1}"/><figcaption>A caption for story ${index}.</figcaption></figure>\n<!-- /wp:image -->`;
    const comments = Array.from({ length: 6 }, (_, c) => {
      const type = c === 5 ? "pingback" : "comment";
      const approved = c === 4 ? "0" : "1";
      return `<wp:comment><wp:comment_id>${index * 10 + c}</wp:comment_id><wp:comment_author>${cdata(`Reader ${c}`)}</wp:comment_author><wp:comment_author_email>${cdata(`reader${c}@example.org`)}</wp:comment_author_email><wp:comment_author_url>${cdata("")}</wp:comment_author_url><wp:comment_author_IP>${cdata("192.0.2.1")}</wp:comment_author_IP><wp:comment_date>${cdata(date)}</wp:comment_date><wp:comment_date_gmt>${cdata(date)}</wp:comment_date_gmt><wp:comment_content>${cdata(`${b.summary} ${a.summary} <a href="https://example.org/${c}">a link</a>`)}</wp:comment_content><wp:comment_approved>${cdata(approved)}</wp:comment_approved><wp:comment_type>${cdata(type)}</wp:comment_type><wp:comment_parent>0</wp:comment_parent><wp:comment_user_id>0</wp:comment_user_id></wp:comment>`;
    }).join("\n");
    const meta = (key: string, value: string) => `<wp:postmeta><wp:meta_key>${cdata(key)}</wp:meta_key><wp:meta_value>${cdata(value)}</wp:meta_value></wp:postmeta>`;
    const section = sections[index % sections.length]!;
    write(`<item>
<title>${cdata(a.title)}</title><link>https://old.bench.example.org/${year}/${month}/${a.slug}/</link><pubDate>${new Date(a.date).toUTCString()}</pubDate><dc:creator>${cdata(`reporter${index % 50}`)}</dc:creator><guid isPermaLink="false">https://old.bench.example.org/?p=${id}</guid><description></description>
<content:encoded>${cdata(body)}</content:encoded>
<excerpt:encoded>${cdata(a.summary)}</excerpt:encoded>
<wp:post_id>${id}</wp:post_id><wp:post_date>${cdata(date)}</wp:post_date><wp:post_date_gmt>${cdata(date)}</wp:post_date_gmt><wp:post_modified>${cdata(date)}</wp:post_modified><wp:post_modified_gmt>${cdata(date)}</wp:post_modified_gmt><wp:comment_status>${cdata("open")}</wp:comment_status><wp:ping_status>${cdata("open")}</wp:ping_status><wp:post_name>${cdata(a.slug)}</wp:post_name><wp:status>${cdata(index % 50 === 7 ? "draft" : "publish")}</wp:status><wp:post_parent>0</wp:post_parent><wp:menu_order>0</wp:menu_order><wp:post_type>${cdata("post")}</wp:post_type><wp:post_password>${cdata("")}</wp:post_password><wp:is_sticky>0</wp:is_sticky>
<category domain="category" nicename="${section}">${cdata(section)}</category><category domain="category" nicename="news">${cdata("News")}</category>
${a.tags.map((tag) => `<category domain="post_tag" nicename="${tag.replace(/ /g, "-")}">${cdata(tag)}</category>`).join("")}
${meta("_thumbnail_id", String(id + 1))}${meta("_yoast_wpseo_primary_category", String(sections.indexOf(section) + 2))}${meta("_edit_last", "1")}${meta("_yoast_wpseo_metadesc", a.summary)}${meta("_yoast_wpseo_focuskw", a.tags[0]!)}
${comments}
</item>
<item>
<title>${cdata(`photo-${index}`)}</title><link>https://old.bench.example.org/?attachment_id=${id + 1}</link><dc:creator>${cdata("reporter0")}</dc:creator><content:encoded>${cdata("")}</content:encoded><excerpt:encoded>${cdata(`A caption for story ${index}.`)}</excerpt:encoded>
<wp:post_id>${id + 1}</wp:post_id><wp:post_date_gmt>${cdata(date)}</wp:post_date_gmt><wp:post_name>${cdata(`photo-${index}`)}</wp:post_name><wp:status>${cdata("inherit")}</wp:status><wp:post_parent>${id}</wp:post_parent><wp:post_type>${cdata("attachment")}</wp:post_type><wp:attachment_url>${cdata(image)}</wp:attachment_url>
${meta("_wp_attached_file", `${year}/${month}/photo-${index}.jpg`)}${meta("_wp_attachment_image_alt", `Photo for story ${index}`)}${meta("_wp_attachment_metadata", `a:5:{s:5:"width";i:1600;s:6:"height";i:1067;s:4:"file";s:${`${year}/${month}/photo-${index}.jpg`.length}:"${year}/${month}/photo-${index}.jpg";s:5:"sizes";a:2:{s:6:"medium";a:4:{s:4:"file";s:17:"photo-300x200.jpg";s:5:"width";i:300;s:6:"height";i:200;s:9:"mime-type";s:10:"image/jpeg";}s:5:"large";a:4:{s:4:"file";s:18:"photo-1024x683.jpg";s:5:"width";i:1024;s:6:"height";i:683;s:9:"mime-type";s:10:"image/jpeg";}}s:10:"image_meta";a:2:{s:6:"credit";s:11:"Herald Desk";s:7:"caption";s:0:"";}}`)}
</item>
`);
  }
  write("</channel>\n</rss>\n");
  closeSync(fd);
}
