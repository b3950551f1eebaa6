// How a survey page's header will look with the brand being edited: the colour bar, logo or initial,
// the brand name and the NPS question with its eleven numbers, redrawn as the person types.
import { useState } from "react";
import { textOn } from "@koe/server/shared";
import { useT } from "../../i18n/i18n.tsx";
import { mergeMessages } from "./merge-messages.ts";
import { brandMessages, settingsMessages } from "./messages.ts";

const messages = mergeMessages(settingsMessages, brandMessages);

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
