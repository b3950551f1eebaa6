// The marker of each kind of timeline entry: a paper plane for a send, a speech bubble for an answer,
// a pencil for a note. Decorative: the entry's title says the same in words.
const paths = {
  send: "M2.5 8.2 13.8 3c.4-.2.8.2.6.6L9.2 14.9c-.2.4-.8.4-.9-.1L7.2 9.7 2.5 8.9c-.5-.1-.5-.6 0-.7ZM7.2 9.7 13.6 3.3",
  response:
    "M3 3.5h10c.6 0 1 .4 1 1v6c0 .6-.4 1-1 1H7.5L4.6 13.8c-.3.3-.8.1-.8-.4v-1.9H3c-.6 0-1-.4-1-1v-6c0-.6.4-1 1-1Z",
  note: "M10.8 2.7a1.4 1.4 0 0 1 2 0l.5.5a1.4 1.4 0 0 1 0 2L6 12.5l-3 .8.8-3 7-7.6ZM9.6 4l2.4 2.4",
} as const;

export function TimelineIcon({ type }: { type: keyof typeof paths }) {
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path
        d={paths[type]}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.4"
        strokeLinejoin="round"
        strokeLinecap="round"
      />
    </svg>
  );
}
