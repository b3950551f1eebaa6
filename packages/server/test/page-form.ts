// What a person's browser posts with a survey page's form: its signed token, and the mark the page script
// sets on their first real interaction (without it a post stores nothing: docs/SURVEY-PAGES.md).
export const formTokenIn = (html: string): string => /name="ft" value="([^"]+)"/.exec(html)?.[1] ?? "";

export const humanMarkIn = (html: string): string => /data-human="([^"]*)"/.exec(html)?.[1] ?? "";

/** `ft` and `h` as a person's browser, with the page's script running, sends them. */
export const personFields = (html: string): { ft: string; h: string } => ({
  ft: formTokenIn(html),
  h: humanMarkIn(html),
});
