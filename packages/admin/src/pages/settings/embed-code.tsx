// The code that embeds a survey: an iframe of its link survey (/s/:id) on this server, for a survey that
// takes answers, ready to copy.
import { useRef, useState } from "react";
import { useGet } from "../../api/hooks.ts";
import type { Survey } from "../../api/types.ts";
import { useT } from "../../i18n/i18n.tsx";
import { Field } from "../../ui/field.tsx";
import { Card } from "../../ui/layout-parts.tsx";
import { Loaded } from "../../ui/states.tsx";
import { mergeMessages } from "./merge-messages.ts";
import { embedMessages, settingsMessages } from "./messages.ts";

const messages = mergeMessages(settingsMessages, embedMessages);

export function EmbedCode({ allowed }: { allowed: boolean }) {
  const t = useT(messages);
  const loaded = useGet("/api/v1/surveys", { params: { query: { limit: 100 } } });
  return (
    <Card title={t("code.title")} className="embed-code-card">
      <p className="settings-lead">{t("code.lead")}</p>
      <Loaded {...loaded}>
        {({ data }) => {
          const active = data.filter((s) => s.status === "active");
          return active.length === 0 ? (
            <p className="muted">{t("code.noSurvey")}</p>
          ) : (
            <Snippet surveys={active} allowed={allowed} />
          );
        }}
      </Loaded>
    </Card>
  );
}

function Snippet({ surveys, allowed }: { surveys: Survey[]; allowed: boolean }) {
  const t = useT(messages);
  const [chosen, setChosen] = useState(surveys[0]!.id);
  const [copied, setCopied] = useState<"yes" | "failed">();
  const box = useRef<HTMLTextAreaElement>(null);
  const survey = surveys.find((s) => s.id === chosen) ?? surveys[0]!;
  const title = t("code.frameTitle").replace(/"/g, "&quot;");
  const code = `<iframe src="${window.location.origin}/s/${survey.id}" title="${title}" width="100%" height="720" style="border:0"></iframe>`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setCopied("yes");
    } catch {
      box.current?.select();
      setCopied("failed");
    }
  };
  return (
    <>
      <Field label={t("code.survey")}>
        {(p) => (
          <select
            {...p}
            value={survey.id}
            onChange={(e) => {
              setChosen(e.target.value);
              setCopied(undefined);
            }}
          >
            {surveys.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t("code.label")} error={copied === "failed" ? t("code.copyFailed") : undefined}>
        {(p) => (
          <textarea
            {...p}
            ref={box}
            className="embed-code"
            readOnly
            rows={4}
            spellCheck={false}
            value={code}
            onFocus={(e) => e.target.select()}
          />
        )}
      </Field>
      <div className="row">
        <button type="button" className="button" onClick={() => void copy()}>
          {copied === "yes" ? `✓ ${t("code.copied")}` : t("code.copy")}
        </button>
      </div>
      {!allowed && <p className="settings-note embed-warning">{t("code.notAllowed")}</p>}
    </>
  );
}
