// A search term marked in plain text: the text is split around each match (any case) and the matches
// wrapped in <mark>. Everything stays a React text node, so whatever a respondent typed is escaped.
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function Highlight({ text, term }: { text: string; term?: string | undefined }) {
  const needle = term?.trim();
  if (!needle) return <>{text}</>;
  // With one capture group, split() puts the matches at the odd indexes.
  const parts = text.split(new RegExp(`(${escapeRegExp(needle)})`, "giu"));
  return <>{parts.map((part, i) => (i % 2 === 1 ? <mark key={i}>{part}</mark> : part))}</>;
}
