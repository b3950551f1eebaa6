// How a survey page's header will look with the brand being edited: the colour bar, logo or initial,
// the brand name and the NPS question with its eleven numbers, redrawn as the person types.
import { useState } from "react";
import { useT } from "../../i18n/i18n.tsx";
import { mergeMessages } from "./merge-messages.ts";
import { brandMessages, settingsMessages } from "./messages.ts";

const messages = mergeMessages(settingsMessages, brandMessages);

/** Black or white text, whichever reads better on the colour (WCAG relative luminance). */
export function textOn(hex: string): string {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const lum = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return 1.05 / (lum + 0.05) >= (lum + 0.05) / 0.05 ? "#ffffff" : "#111827";
}

export function BrandPreview({ name, logoUrl, color }: { name: string; logoUrl: string; color: string }) {
  const t = useT(messages);
  const [broken, setBroken] = useState<string | null>(null);
  const fg = textOn(color);
  const showLogo = /^https?:\/\/\S+$/i.test(logoUrl) && broken !== logoUrl;
  return (
    <figure className="brand-preview" aria-label={t("preview.label")}>
      <div className="brand-preview-bar" style={{ background: color, color: fg }}>
        {showLogo ? (
          <img src={logoUrl} alt="" className="brand-preview-logo" onError={() => setBroken(logoUrl)} />
        ) : (
          <span className="brand-preview-initial" style={{ borderColor: fg }} aria-hidden="true">
            {[...name][0] ?? "?"}
          </span>
        )}
        <span className="brand-preview-name">{name}</span>
      </div>
      <div className="brand-preview-body">
        <p className="brand-preview-question">{t("preview.question", { brand: name })}</p>
        <div className="brand-preview-scale" aria-hidden="true">
          {Array.from({ length: 11 }, (_, n) => (
            <span
              key={n}
              style={n === 9 ? { background: color, color: fg, borderColor: color } : { borderColor: color }}
            >
              {n}
            </span>
          ))}
        </div>
        <div className="brand-preview-ends" aria-hidden="true">
          <span>{t("preview.low")}</span>
          <span>{t("preview.high")}</span>
        </div>
      </div>
      {broken === logoUrl && logoUrl !== "" && (
        <figcaption className="field-error">{t("preview.logoBroken")}</figcaption>
      )}
    </figure>
  );
}
