// A comment clamped to a few lines, with "Read more" only when it really overflows (measured, since how
// many characters fit depends on the language and the card's width).
import { useLayoutEffect, useRef, useState } from "react";
import { useT } from "../../i18n/i18n.tsx";
import { Highlight } from "../../ui/highlight.tsx";
import { responsesMessages } from "./messages.ts";

export function ClampedComment({
  text,
  term,
  lang,
}: {
  text: string;
  term: string;
  lang?: string | undefined;
}) {
  const t = useT(responsesMessages);
  const ref = useRef<HTMLParagraphElement>(null);
  const [open, setOpen] = useState(false);
  const [overflows, setOverflows] = useState(false);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || open) return;
    const measure = () => setOverflows(el.scrollHeight > el.clientHeight + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [open, text]);
  return (
    <div className="resp-comment-wrap">
      <p ref={ref} className={`entry-text${open ? "" : " clamped"}`} lang={lang}>
        <Highlight text={text} term={term} />
      </p>
      {(overflows || open) && (
        <button type="button" className="resp-more" aria-expanded={open} onClick={() => setOpen(!open)}>
          {t(open ? "readLess" : "readMore")}
        </button>
      )}
    </div>
  );
}
