// A row of tabs by the WAI-ARIA tabs pattern (settings, the survey preview): only the chosen tab is in the
// tab order, the arrow keys move between tabs and Home and End jump to the ends, and every tab names the
// panel it controls, which names its tab back (`${idPrefix}-${tab}`): one panel for all tabs (a string),
// or one per tab (a function of the tab).
import { useRef, type KeyboardEvent, type ReactNode } from "react";

export function TabList<T extends string>({
  tabs,
  chosen,
  onChoose,
  label,
  idPrefix,
  panelId,
  className,
  tabClassName,
  children,
}: {
  tabs: readonly T[];
  chosen: T;
  onChoose: (tab: T) => void;
  label: string;
  idPrefix: string;
  panelId: string | ((tab: T) => string);
  className: string;
  tabClassName: string;
  /** A tab's name. */
  children: (tab: T) => ReactNode;
}) {
  const buttons = useRef<Partial<Record<T, HTMLButtonElement | null>>>({});
  const onKey = (e: KeyboardEvent) => {
    const i = tabs.indexOf(chosen);
    const to =
      e.key === "ArrowRight"
        ? tabs[(i + 1) % tabs.length]
        : e.key === "ArrowLeft"
          ? tabs[(i - 1 + tabs.length) % tabs.length]
          : e.key === "Home"
            ? tabs[0]
            : e.key === "End"
              ? tabs[tabs.length - 1]
              : undefined;
    if (!to) return;
    e.preventDefault();
    onChoose(to);
    buttons.current[to]?.focus();
  };
  return (
    <div className={className} role="tablist" aria-label={label} onKeyDown={onKey}>
      {tabs.map((tab) => (
        <button
          key={tab}
          ref={(el) => void (buttons.current[tab] = el)}
          type="button"
          role="tab"
          id={`${idPrefix}-${tab}`}
          aria-selected={chosen === tab}
          aria-controls={typeof panelId === "string" ? panelId : panelId(tab)}
          tabIndex={chosen === tab ? 0 : -1}
          className={tabClassName}
          onClick={() => onChoose(tab)}
        >
          {children(tab)}
        </button>
      ))}
    </div>
  );
}
