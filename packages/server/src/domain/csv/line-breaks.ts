// Line numbers in CSV text as a person sees them in an editor: CRLF, LF and a lone CR each end a line.
// Errors in an uploaded file name these lines, so they are counted the same way everywhere.

const BREAK = /\r\n|\r|\n/g;

/** How many line breaks start in `text` between `from` and `to`. */
export function countLineBreaks(text: string, from = 0, to = text.length): number {
  let n = 0;
  BREAK.lastIndex = from;
  for (let m = BREAK.exec(text); m !== null && m.index < to; m = BREAK.exec(text)) n++;
  return n;
}
