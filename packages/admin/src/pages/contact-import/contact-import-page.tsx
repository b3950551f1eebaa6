// Contacts › Import: a wizard in four steps. Choose a CSV file (its bytes go to the server as they are; the
// server reads Shift_JIS, UTF-8 and UTF-16 and answers the header, the first rows and a guessed mapping);
// match each column to a field, an attribute with a type, or nothing; run it (a job on the server, polled
// every second with its progress bar); then the counts and the rows not imported, with the error report
// to download. The import's id stays in the URL, so a reload or a shared link comes back to the same step.
import { useEffect, useMemo, useRef, useState } from "react";
import { ApiError, client, fileBody, ok, withQuery } from "../../api/client.ts";
import { useGet } from "../../api/hooks.ts";
import type { components } from "../../api/schema.gen.ts";
import { errorText } from "../../error-text.ts";
import { formatNumber } from "../../i18n/format.ts";
import { useLocale, useT } from "../../i18n/i18n.tsx";
import { Link, setSearch, useLocation } from "../../router.tsx";
import { useSignedIn } from "../../session.tsx";
import { Card, PageHeader } from "../../ui/layout-parts.tsx";
import { ErrorDetail, ErrorNote, Loading } from "../../ui/states.tsx";
import { canEditContacts } from "../contacts/contact-dialog.tsx";
import { importMessages } from "./messages.ts";
import "./contact-import.css";

type ContactImport = components["schemas"]["ContactImport"];
type Mapping = ContactImport["guessedMapping"];
type Column = Mapping["columns"][number];
type Field = Column["field"];
type AttributeType = NonNullable<Column["type"]>;
type Key = keyof typeof importMessages.en;

const fields: Field[] = [
  "email",
  "name",
  "phone",
  "company",
  "locale",
  "timeZone",
  "tags",
  "externalId",
  "attribute",
  "skip",
];
const types: AttributeType[] = ["text", "number", "boolean", "date"];
/** Fields one column at most may fill (several name columns are joined: 姓 and 名). */
const once = new Set<Field>(["email", "phone", "company", "locale", "timeZone", "tags", "externalId"]);

const encodingNames: Record<string, string> = {
  "utf-8": "UTF-8",
  cp932: "Shift_JIS (CP932)",
  shift_jis: "Shift_JIS (CP932)",
  "utf-16le": "UTF-16 LE",
  "utf-16be": "UTF-16 BE",
};
const encodingName = (e: string) => encodingNames[e.toLowerCase()] ?? e.toUpperCase();

function Steps({ current }: { current: 1 | 2 | 3 | 4 }) {
  const t = useT(importMessages);
  const names: Key[] = ["step.choose", "step.map", "step.run", "step.done"];
  return (
    <ol className="import-steps" aria-label={t("stepOf", { n: current })}>
      {names.map((name, i) => (
        <li
          key={name}
          className={i + 1 === current ? "is-current" : i + 1 < current ? "is-done" : undefined}
          aria-current={i + 1 === current ? "step" : undefined}
        >
          <span className="import-step-number">{i + 1}</span>
          {t(name)}
        </li>
      ))}
    </ol>
  );
}

function ChooseFile({ onUploaded }: { onUploaded: (imp: ContactImport) => void }) {
  const t = useT(importMessages);
  const { locale } = useLocale();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ file: string; error: unknown }>();
  const upload = async (file: File) => {
    setBusy(true);
    setFailure(undefined);
    try {
      onUploaded(
        await ok(
          client.POST("/api/v1/contact-imports", {
            params: { query: { fileName: file.name } },
            // text/csv without a charset: the server tells the encoding from the bytes.
            ...fileBody(file, "text/csv"),
          }),
        ),
      );
    } catch (error) {
      setFailure({ file: file.name, error });
    } finally {
      setBusy(false);
      if (input.current) input.current.value = "";
    }
  };
  const lines = (error: unknown) =>
    error instanceof ApiError ? (error.problem.errors ?? []).flatMap((e) => (e.line ? [e.line] : [])) : [];
  return (
    <Card title={t("step.choose")}>
      <p className="muted">{t("chooseHint")}</p>
      <button
        type="button"
        className="button button-primary"
        disabled={busy}
        onClick={() => input.current?.click()}
      >
        {busy && <span className="spinner" aria-hidden="true" />}
        {t(busy ? "uploading" : "choose")}
      </button>
      <input
        ref={input}
        type="file"
        accept=".csv,text/csv"
        hidden
        data-testid="contact-import-file"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          if (file) void upload(file);
        }}
      />
      {failure && (
        <div className="field-error import-failure" role="alert">
          {lines(failure.error).length > 0
            ? t("unreadable", {
                file: failure.file,
                lines: lines(failure.error)
                  .map((l) => formatNumber(locale, l))
                  .join(locale === "ja" ? "、" : ", "),
              })
            : t("uploadFailed", { file: failure.file, message: errorText(t, failure.error) })}
          <ErrorDetail error={failure.error} />
        </div>
      )}
    </Card>
  );
}

function MapColumns({
  imp,
  onRun,
  onRestart,
}: {
  imp: ContactImport;
  onRun: () => void;
  onRestart: () => void;
}) {
  const t = useT(importMessages);
  const { locale } = useLocale();
  const n = (v: number) => formatNumber(locale, v);
  const [columns, setColumns] = useState<Column[]>(imp.guessedMapping.columns);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const change = (index: number, next: Partial<Column>) =>
    setColumns((cs) =>
      cs.map((c) => {
        if (c.column !== index) return c;
        const merged = { ...c, ...next };
        if (merged.field !== "attribute") return { column: c.column, field: merged.field };
        return { ...merged, key: merged.key ?? imp.columns[index] ?? "", type: merged.type ?? "text" };
      }),
    );
  const chosenTwice = fields.filter((f) => once.has(f) && columns.filter((c) => c.field === f).length > 1);
  const hasKey = columns.some((c) => c.field === "email" || c.field === "externalId");
  const problem = !hasKey
    ? t("needKey")
    : chosenTwice.length
      ? t("twice", { field: t(`field.${chosenTwice[0]!}` as Key) })
      : undefined;
  const run = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await ok(
        client.POST("/api/v1/contact-imports/{id}/run", {
          params: { path: { id: imp.id } },
          body: { columns: columns.filter((c) => c.field !== "skip") },
        }),
      );
      onRun();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  const samples = (index: number) =>
    imp.preview
      .map((row) => row[index] ?? "")
      .filter((v) => v !== "")
      .slice(0, 3);
  return (
    <>
      <Card title={t("step.map")}>
        <p className="import-file-info">
          {t("fileInfo", {
            file: imp.fileName || "CSV",
            encoding: encodingName(imp.encoding),
            rows: n(imp.totalRows ?? 0),
          })}
        </p>
        <p className="muted">{t("matchHint")}</p>
        <p className="muted">{t("tagsHint")}</p>
        <div className="table-wrap">
          <table className="import-mapping">
            <thead>
              <tr>
                <th scope="col">{t("column")}</th>
                <th scope="col">{t("sample")}</th>
                <th scope="col">{t("field")}</th>
                <th scope="col">{t("type")}</th>
              </tr>
            </thead>
            <tbody>
              {columns.map((c) => {
                const header = imp.columns[c.column] ?? "";
                return (
                  <tr key={c.column} className={c.field === "skip" ? "is-skipped" : undefined}>
                    <th scope="row">{header}</th>
                    <td className="import-samples">
                      {samples(c.column).map((s, i) => (
                        <span key={i}>{s}</span>
                      ))}
                    </td>
                    <td>
                      <select
                        aria-label={t("fieldFor", { column: header })}
                        value={c.field}
                        onChange={(e) => change(c.column, { field: e.currentTarget.value as Field })}
                      >
                        {fields.map((f) => (
                          <option key={f} value={f}>
                            {t(`field.${f}` as Key)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      {c.field === "attribute" && (
                        <select
                          aria-label={t("typeFor", { column: header })}
                          value={c.type ?? "text"}
                          onChange={(e) => change(c.column, { type: e.currentTarget.value as AttributeType })}
                        >
                          {types.map((ty) => (
                            <option key={ty} value={ty}>
                              {t(`type.${ty}` as Key)}
                            </option>
                          ))}
                        </select>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {problem && (
          <p className="field-error" role="alert">
            {problem}
          </p>
        )}
        {error !== undefined && <ErrorNote error={error} />}
        <div className="import-actions">
          <button type="button" className="button" onClick={onRestart} disabled={busy}>
            {t("another")}
          </button>
          <button
            type="button"
            className="button button-primary"
            disabled={busy || problem !== undefined}
            onClick={() => void run()}
          >
            {busy && <span className="spinner" aria-hidden="true" />}
            {t(busy ? "starting" : "run", { rows: n(imp.totalRows ?? 0) })}
          </button>
        </div>
      </Card>
      <Card title={t("preview", { n: imp.preview.length })}>
        <div className="table-wrap">
          <table className="import-preview">
            <thead>
              <tr>
                {imp.columns.map((h, i) => (
                  <th key={i} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {imp.preview.map((row, r) => (
                <tr key={r}>
                  {imp.columns.map((_, i) => (
                    <td key={i}>{row[i] ?? ""}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </>
  );
}

function Counts({ imp }: { imp: ContactImport }) {
  const t = useT(importMessages);
  const { locale } = useLocale();
  const counts = [
    ["created", imp.created],
    ["updated", imp.updated],
    ["unchanged", imp.unchanged],
    ["failed", imp.failed],
  ] as const;
  return (
    <dl className="import-counts">
      {counts.map(([name, value]) => (
        <div key={name} className={`import-count import-count-${name}`}>
          <dt>{t(`count.${name}` as Key)}</dt>
          <dd>{formatNumber(locale, value)}</dd>
        </div>
      ))}
    </dl>
  );
}

function Running({ imp }: { imp: ContactImport }) {
  const t = useT(importMessages);
  const { locale } = useLocale();
  const total = imp.totalRows ?? 0;
  const share = total ? Math.min(1, imp.rowsDone / total) : 0;
  return (
    <Card title={t("step.run")}>
      <p role="status" aria-live="polite">
        {imp.status === "queued"
          ? t("queued")
          : t("running", { done: formatNumber(locale, imp.rowsDone), total: formatNumber(locale, total) })}
      </p>
      <div
        className="import-progress"
        role="progressbar"
        aria-label={t("progressLabel")}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={imp.rowsDone}
      >
        <span style={{ width: `${(share * 100).toFixed(1)}%` }} />
      </div>
      <Counts imp={imp} />
    </Card>
  );
}

function Summary({
  imp,
  onRestart,
  onRetried,
}: {
  imp: ContactImport;
  onRestart: () => void;
  onRetried: () => void;
}) {
  const t = useT(importMessages);
  const { locale } = useLocale();
  const n = (v: number) => formatNumber(locale, v);
  const errors = useGet(imp.failed > 0 ? "/api/v1/contact-imports/{id}/errors" : null, {
    params: { path: { id: imp.id }, query: { locale } },
  });
  const [retrying, setRetrying] = useState(false);
  const retry = async () => {
    setRetrying(true);
    await ok(
      client.POST("/api/v1/contact-imports/{id}/run", {
        params: { path: { id: imp.id } },
        body: imp.mapping ?? { columns: [] },
      }),
    )
      .then(onRetried)
      .finally(() => setRetrying(false));
  };
  const failed = imp.status === "failed";
  return (
    <>
      <Card title={t(failed ? "failedTitle" : "doneTitle")}>
        <p role="status">
          {t("doneSummary", {
            rows: n(imp.rowsDone),
            file: imp.fileName || "CSV",
            created: n(imp.created),
            updated: n(imp.updated),
            unchanged: n(imp.unchanged),
            failed: n(imp.failed),
          })}
        </p>
        {failed && (
          <div className="field-error" role="alert">
            {t("failedSummary")}
            {imp.error && (
              <span className="error-detail" lang="en">
                {imp.error}
              </span>
            )}
          </div>
        )}
        <Counts imp={imp} />
        <div className="import-actions">
          {failed && (
            <button
              type="button"
              className="button button-primary"
              disabled={retrying}
              onClick={() => void retry()}
            >
              {t("retry")}
            </button>
          )}
          <Link className="button" to="/contacts">
            {t("toContacts")}
          </Link>
          <button type="button" className="button" onClick={onRestart}>
            {t("importAnother")}
          </button>
        </div>
      </Card>
      <Card
        title={t("errorsTitle")}
        actions={
          imp.failed > 0 && (
            <a
              className="button button-small"
              href={withQuery(`/api/v1/contact-imports/${imp.id}/errors.csv`, { locale })}
              download
            >
              {t("download")}
            </a>
          )
        }
      >
        {imp.failed === 0 ? (
          <p className="muted">{t("errorsNone")}</p>
        ) : errors.data === undefined ? (
          errors.error ? (
            <ErrorNote error={errors.error} retry={errors.reload} />
          ) : (
            <Loading />
          )
        ) : (
          <>
            {errors.data.total > errors.data.data.length && (
              <p className="muted">
                {t("errorsMore", { shown: n(errors.data.data.length), total: n(errors.data.total) })}
              </p>
            )}
            <div className="table-wrap">
              <table className="import-errors">
                <thead>
                  <tr>
                    <th scope="col">{t("col.line")}</th>
                    <th scope="col">{t("col.column")}</th>
                    <th scope="col">{t("col.reason")}</th>
                  </tr>
                </thead>
                <tbody>
                  {errors.data.data.map((e, i) => (
                    <tr key={i}>
                      <td className="numeric">{n(e.line)}</td>
                      <td>{e.column || <span className="muted">{t("wholeRow")}</span>}</td>
                      <td>{e.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </Card>
    </>
  );
}

/** The import in the URL, polled every second while it is queued or running. */
function useImport(id: string | null) {
  const loaded = useGet(id ? "/api/v1/contact-imports/{id}" : null, { params: { path: { id: id ?? "" } } });
  const status = loaded.data?.status;
  const { reload } = loaded;
  useEffect(() => {
    if (status !== "queued" && status !== "running") return;
    const timer = setTimeout(reload, 1_000);
    return () => clearTimeout(timer);
  }, [status, loaded.data, reload]);
  return loaded;
}

export default function ContactImportPage() {
  const t = useT(importMessages);
  const id = useLocation().search.get("id");
  const canEdit = canEditContacts(useSignedIn().user.role);
  const loaded = useImport(id);
  const [uploaded, setUploaded] = useState<ContactImport>();
  // The answer of the upload shows at once; the polled one takes over once it has come.
  const imp = useMemo(
    () => (loaded.data?.id === id ? loaded.data : uploaded?.id === id ? uploaded : undefined),
    [loaded.data, uploaded, id],
  );
  const restart = () => {
    setUploaded(undefined);
    setSearch({ id: null }, { replace: false });
  };
  const step = !id
    ? 1
    : !imp
      ? undefined
      : imp.status === "uploaded"
        ? 2
        : imp.status === "done" || imp.status === "failed"
          ? 4
          : 3;
  return (
    <>
      <PageHeader
        title={t("title")}
        subtitle={
          <>
            <Link to="/contacts">{t("back")}</Link> › {t("title")}
          </>
        }
      />
      {!canEdit && !id ? (
        <p className="state state-empty">{t("noRole")}</p>
      ) : (
        <>
          {step && <Steps current={step} />}
          {step === 1 && (
            <ChooseFile
              onUploaded={(u) => {
                setUploaded(u);
                setSearch({ id: u.id }, { replace: false });
              }}
            />
          )}
          {id &&
            !imp &&
            (loaded.error ? <ErrorNote error={loaded.error} retry={loaded.reload} /> : <Loading />)}
          {imp && step === 2 && (
            <MapColumns key={imp.id} imp={imp} onRun={loaded.reload} onRestart={restart} />
          )}
          {imp && step === 3 && <Running imp={imp} />}
          {imp && step === 4 && <Summary imp={imp} onRestart={restart} onRetried={loaded.reload} />}
        </>
      )}
    </>
  );
}
