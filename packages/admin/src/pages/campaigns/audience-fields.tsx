// Who receives a campaign: every contact with an address, contacts matching attributes, contacts picked
// one by one, or a CSV file uploaded to the saved draft. Under it, a live count of whom a launch would
// email, counted by the server as the launch queues (POST /campaigns/audience-count): the contacts
// without an address and those unsubscribed or bounced are said apart, since they are not emailed.
import { useEffect, useId, useState } from "react";
import { client, ok } from "../../api/client.ts";
import { useGet } from "../../api/hooks.ts";
import type { Contact } from "../../api/types.ts";
import { errorText } from "../../error-text.ts";
import { formatNumber } from "../../i18n/format.ts";
import { useLocale, useT } from "../../i18n/i18n.tsx";
import { Field } from "../../ui/field.tsx";
import { AudienceUpload } from "./audience-upload.tsx";
import {
  toAudience,
  type Audience,
  type AudienceKind,
  type CampaignDraft,
  type FilterRow,
} from "./campaign-draft.ts";
import { editorMessages } from "./editor-messages.ts";

type Key = keyof typeof editorMessages.en;
const kinds: AudienceKind[] = ["all", "filter", "ids", "csv"];
const SHOWN = 30;

export interface AudienceCountResult {
  matching: number;
  withoutEmail: number;
  suppressed: number;
  reach: number;
}

/** The server's count of an audience; again whenever it changes (after a short pause in typing). */
export function useAudienceCount(audience: Audience, campaignId: string | undefined, round = 0) {
  const body = JSON.stringify({ audience, ...(campaignId ? { campaignId } : {}) });
  const [state, setState] = useState<{ of?: string; count?: AudienceCountResult; error?: unknown }>({});
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      ok(
        client.POST("/api/v1/campaigns/audience-count", {
          body: JSON.parse(body) as { audience: Audience; campaignId?: string },
        }),
      ).then(
        (count) => live && setState({ of: body, count }),
        (error: unknown) => live && setState({ of: body, error }),
      );
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [body, round]);
  return { ...state, loading: state.of !== body };
}

export function AudienceCountLine({
  count,
  error,
  loading,
  csvEmpty,
}: {
  count?: AudienceCountResult | undefined;
  error?: unknown;
  loading: boolean;
  csvEmpty?: boolean;
}) {
  const t = useT(editorMessages);
  const { locale } = useLocale();
  const n = (v: number) => formatNumber(locale, v);
  return (
    <div className="audience-count" role="status" aria-live="polite" aria-busy={loading || undefined}>
      {error !== undefined && !loading ? (
        <span className="field-error">{t("count.failed", { message: errorText(t, error) })}</span>
      ) : !count ? (
        <span className="muted">{t("count.loading")}</span>
      ) : count.matching === 0 ? (
        <span className="muted">{t(csvEmpty ? "count.csvEmpty" : "count.none")}</span>
      ) : (
        <>
          <strong className={loading ? "muted" : undefined}>{t("count.reach", { n: n(count.reach) })}</strong>
          {(count.withoutEmail > 0 || count.suppressed > 0) && (
            <span className="muted">
              {t("count.detail", {
                matching: n(count.matching),
                withoutEmail: n(count.withoutEmail),
                suppressed: n(count.suppressed),
              })}
            </span>
          )}
        </>
      )}
    </div>
  );
}

export function AudienceFields({
  draft,
  change,
  campaignId,
  errors,
}: {
  draft: CampaignDraft;
  change: (patch: Partial<CampaignDraft>) => void;
  campaignId: string | undefined;
  errors: { filter?: string | undefined; ids?: string | undefined };
}) {
  const t = useT(editorMessages);
  const name = useId();
  const [uploads, setUploads] = useState(0);
  const counted = useAudienceCount(toAudience(draft), campaignId, uploads);
  // Attribute names the contacts have, offered as the filter's keys.
  const sample = useGet(draft.audienceKind === "filter" ? "/api/v1/contacts" : null, {
    params: { query: { limit: 200 } },
  });
  const keys = [...new Set((sample.data?.data ?? []).flatMap((c) => Object.keys(c.attributes ?? {})))].sort();
  const setFilter = (i: number, patch: Partial<FilterRow>) =>
    change({ filters: draft.filters.map((f, j) => (j === i ? { ...f, ...patch } : f)) });
  return (
    <>
      <fieldset className="campaign-choices">
        <legend>{t("audience.legend")}</legend>
        {kinds.map((k) => (
          <label key={k} className="checkbox">
            <input
              type="radio"
              name={name}
              value={k}
              checked={draft.audienceKind === k}
              onChange={() => change({ audienceKind: k })}
            />
            {t(`audience.${k}` as Key)}
          </label>
        ))}
      </fieldset>
      {draft.audienceKind === "filter" && (
        <div className="audience-filter">
          <datalist id={`${name}-keys`}>
            {keys.map((k) => (
              <option key={k} value={k} />
            ))}
          </datalist>
          {draft.filters.map((f, i) => (
            <div className="filter-row" key={i} role="group" aria-label={t("filter.condition", { n: i + 1 })}>
              <Field label={t("filter.key")}>
                {(p) => (
                  <input
                    {...p}
                    list={`${name}-keys`}
                    value={f.key}
                    maxLength={64}
                    onChange={(e) => setFilter(i, { key: e.target.value })}
                    aria-invalid={errors.filter && !f.key.trim() ? true : undefined}
                  />
                )}
              </Field>
              <span className="filter-eq" aria-hidden="true">
                =
              </span>
              <Field label={t("filter.value")}>
                {(p) => (
                  <input {...p} value={f.value} onChange={(e) => setFilter(i, { value: e.target.value })} />
                )}
              </Field>
              {draft.filters.length > 1 && (
                <button
                  type="button"
                  className="button button-small button-quiet"
                  aria-label={t("filter.remove", { n: i + 1 })}
                  onClick={() => change({ filters: draft.filters.filter((_, j) => j !== i) })}
                >
                  ×
                </button>
              )}
            </div>
          ))}
          {errors.filter && <div className="field-error">{errors.filter}</div>}
          <div className="filter-actions">
            <button
              type="button"
              className="button button-small"
              onClick={() => change({ filters: [...draft.filters, { key: "", value: "" }] })}
            >
              {t("filter.add")}
            </button>
            <Field label={t("filter.locale")} className="filter-locale">
              {(p) => (
                <select
                  {...p}
                  value={draft.locale}
                  onChange={(e) => change({ locale: e.target.value as CampaignDraft["locale"] })}
                >
                  <option value="">{t("filter.anyLocale")}</option>
                  <option value="ja">{t("locale.ja")}</option>
                  <option value="en">{t("locale.en")}</option>
                </select>
              )}
            </Field>
          </div>
          <p className="field-hint">{t("filter.hint")}</p>
        </div>
      )}
      {draft.audienceKind === "ids" && (
        <ContactPicker
          chosen={draft.contactIds}
          onChange={(contactIds) => change({ contactIds })}
          error={errors.ids}
        />
      )}
      {draft.audienceKind === "csv" &&
        (campaignId ? (
          <AudienceUpload campaignId={campaignId} onUploaded={() => setUploads((n) => n + 1)} />
        ) : (
          <p className="muted">{t("csv.saveFirst")}</p>
        ))}
      {(draft.audienceKind !== "csv" || campaignId) && (
        <AudienceCountLine {...counted} csvEmpty={draft.audienceKind === "csv"} />
      )}
    </>
  );
}

const labelOf = (c: Pick<Contact, "name" | "email" | "externalId" | "id">) =>
  c.name ?? c.email ?? c.externalId ?? c.id;

/** Contacts found by name, email or external id, added to (or removed from) the chosen list. */
function ContactPicker({
  chosen,
  onChange,
  error,
}: {
  chosen: string[];
  onChange: (ids: string[]) => void;
  error: string | undefined;
}) {
  const t = useT(editorMessages);
  const { locale } = useLocale();
  const [text, setText] = useState("");
  const q = useDebounced(text.trim(), 250);
  const found = useGet(q ? "/api/v1/contacts" : null, { params: { query: { q, limit: 20 } } });
  // Names of the chosen contacts, as found (a saved campaign's ids are looked up one by one below).
  const [names, setNames] = useState<Record<string, string>>({});
  const add = (c: Contact) => {
    setNames((n) => ({ ...n, [c.id]: labelOf(c) }));
    onChange([...chosen, c.id]);
  };
  return (
    <div className="contact-picker">
      <Field label={t("picker.search")} hint={t("picker.hint")} error={error}>
        {(p) => (
          <input
            {...p}
            type="search"
            value={text}
            placeholder={t("picker.placeholder")}
            onChange={(e) => setText(e.target.value)}
          />
        )}
      </Field>
      {q && found.data && (
        <ul className="picker-results" aria-label={t("picker.search")}>
          {found.data.data.length === 0 && <li className="muted">{t("picker.noMatch", { q })}</li>}
          {found.data.data.map((c) => {
            const has = chosen.includes(c.id);
            return (
              <li key={c.id}>
                <span>
                  <span className="picker-name">{labelOf(c)}</span>{" "}
                  <span className="muted">{c.email ?? t("picker.noEmail")}</span>
                </span>
                <button
                  type="button"
                  className="button button-small"
                  disabled={has}
                  aria-label={has ? undefined : `${t("picker.add")}: ${labelOf(c)}`}
                  onClick={() => add(c)}
                >
                  {t(has ? "picker.added" : "picker.add")}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <div className="picker-chosen">
        <div className="picker-chosen-head">
          {t("picker.chosen", { n: formatNumber(locale, chosen.length) })}
        </div>
        {chosen.length === 0 ? (
          <p className="muted">{t("picker.none")}</p>
        ) : (
          <ul className="chips">
            {chosen.slice(0, SHOWN).map((id) => (
              <ChosenChip
                key={id}
                id={id}
                known={names[id]}
                onRemove={() => onChange(chosen.filter((c) => c !== id))}
              />
            ))}
            {chosen.length > SHOWN && (
              <li className="muted">
                {t("picker.more", { n: formatNumber(locale, chosen.length - SHOWN) })}
              </li>
            )}
          </ul>
        )}
      </div>
    </div>
  );
}

function ChosenChip({
  id,
  known,
  onRemove,
}: {
  id: string;
  known: string | undefined;
  onRemove: () => void;
}) {
  const t = useT(editorMessages);
  const looked = useGet(known ? null : "/api/v1/contacts/{id}", { params: { path: { id } } });
  const label = known ?? (looked.data ? labelOf(looked.data) : "…");
  return (
    <li className="chip picker-chip">
      {label}
      <button
        type="button"
        className="chip-remove"
        aria-label={t("picker.remove", { name: label })}
        onClick={onRemove}
      >
        ×
      </button>
    </li>
  );
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setV(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return v;
}
