// A draft campaign's audience from a CSV file. The file goes to the server as its bytes, unchanged: the
// server reads its encoding (Excel's Shift_JIS, UTF-8 with or without a BOM, UTF-16), so nothing here
// decodes it. Then what happened: contacts added and how the file was read, rows not added and addresses
// given twice (the first row is used), each by line; a file that cannot be read says which lines.
import { useRef, useState } from "react";
import { client, fileBody, ok, ApiError } from "../../api/client.ts";
import type { AudienceUpload as CsvImportResult } from "../../api/types.ts";
import { errorText } from "../../error-text.ts";
import { formatNumber } from "../../i18n/format.ts";
import { useLocale, useT } from "../../i18n/i18n.tsx";
import { ErrorDetail } from "../../ui/states.tsx";
import { campaignMessages } from "./messages.ts";

/** Lines listed per kind; the rest are counted. */
const SHOWN = 5;

const encodingNames: Record<string, string> = {
  "utf-8": "UTF-8",
  cp932: "Shift_JIS (CP932)",
  shift_jis: "Shift_JIS (CP932)",
  "utf-16le": "UTF-16 LE",
  "utf-16be": "UTF-16 BE",
};
const encodingName = (e: string) => encodingNames[e.toLowerCase()] ?? e.toUpperCase();

export function AudienceUpload({ campaignId, onUploaded }: { campaignId: string; onUploaded: () => void }) {
  const t = useT(campaignMessages);
  const { locale } = useLocale();
  const n = (v: number) => formatNumber(locale, v);
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ file: string; result: CsvImportResult }>();
  const [failure, setFailure] = useState<{ file: string; error: unknown }>();

  const upload = async (file: File) => {
    setBusy(true);
    setDone(undefined);
    setFailure(undefined);
    try {
      const result = await ok(
        client.POST("/api/v1/campaigns/{id}/audience", {
          params: { path: { id: campaignId } },
          // text/csv without a charset: the server tells the encoding from the bytes.
          ...fileBody(file, "text/csv"),
        }),
      );
      setDone({ file: file.name, result });
      onUploaded();
    } catch (error) {
      setFailure({ file: file.name, error });
    } finally {
      setBusy(false);
      if (input.current) input.current.value = ""; // the same file may be picked again after a fix
    }
  };

  const more = (total: number) =>
    total > SHOWN ? <li className="muted">{t("upload.more", { n: n(total - SHOWN) })}</li> : null;
  /** The lines a refusal names (a file that is not text there). */
  const lines = (error: unknown) =>
    error instanceof ApiError ? (error.problem.errors ?? []).flatMap((e) => (e.line ? [e.line] : [])) : [];

  return (
    <div className="audience-upload">
      <p className="muted">{t("upload.hint")}</p>
      <button
        type="button"
        className="button button-small"
        disabled={busy}
        onClick={() => input.current?.click()}
      >
        {busy && <span className="spinner" aria-hidden="true" />}
        {t(busy ? "upload.busy" : "upload.choose")}
      </button>
      <input
        ref={input}
        type="file"
        accept=".csv,text/csv"
        hidden
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          if (file) void upload(file);
        }}
      />
      {done && (
        <div className="upload-result" role="status">
          <div>
            {t("upload.added", {
              n: n(done.result.added),
              file: done.file,
              encoding: encodingName(done.result.encoding),
            })}
          </div>
          {done.result.errors.length > 0 && (
            <div className="upload-list upload-list-bad">
              <div>{t("upload.errors", { n: n(done.result.errors.length) })}</div>
              <ul>
                {done.result.errors.slice(0, SHOWN).map((e) => (
                  <li key={e.line}>
                    {t("upload.line", { line: n(e.line) })}{" "}
                    <span className="error-detail" lang="en">
                      {e.message}
                    </span>
                  </li>
                ))}
                {more(done.result.errors.length)}
              </ul>
            </div>
          )}
          {done.result.duplicates.length > 0 && (
            <div className="upload-list">
              <div>{t("upload.duplicates", { n: n(done.result.duplicates.length) })}</div>
              <ul>
                {done.result.duplicates.slice(0, SHOWN).map((d) => (
                  <li key={d.line}>
                    {t("upload.duplicateLine", { line: n(d.line), first: n(d.firstLine), email: d.email })}
                  </li>
                ))}
                {more(done.result.duplicates.length)}
              </ul>
            </div>
          )}
        </div>
      )}
      {failure && (
        <div className="field-error" role="alert">
          {lines(failure.error).length > 0
            ? t("upload.unreadable", {
                file: failure.file,
                lines: lines(failure.error)
                  .map(n)
                  .join(locale === "ja" ? "、" : ", "),
              })
            : t("upload.failed", { file: failure.file, message: errorText(t, failure.error) })}
          <ErrorDetail error={failure.error} />
        </div>
      )}
    </div>
  );
}
