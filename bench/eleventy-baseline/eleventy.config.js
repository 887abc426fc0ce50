// The bare Eleventy baseline: what a newsroom would write with Eleventy alone. Default settings on
// purpose (markdown run through Liquid first, html: true, tags as collections): the benchmark compares
// Dateline with the site a user would otherwise build.
export default function () {}
