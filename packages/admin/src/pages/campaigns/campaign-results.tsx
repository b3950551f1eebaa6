// A campaign's answers on its page: its NPS with the margin and n, its response rate (of its sends, test
// sends left out), and the latest answers, read with the `campaign` filter of the reports and the feed.
import { useEffect, useRef } from "react";
import { useGet } from "../../api/hooks.ts";
import { formatDateTime, formatNumber, formatPercent } from "../../i18n/format.ts";
import { useLocale, useT } from "../../i18n/i18n.tsx";
import { Link } from "../../router.tsx";
import { Card } from "../../ui/layout-parts.tsx";
import { IntervalLine, NpsFigure, npsText, ScoreChip } from "../../ui/score.tsx";
import { Empty, Loaded } from "../../ui/states.tsx";
import { editorMessages } from "./editor-messages.ts";

export function CampaignResults({ campaignId, version }: { campaignId: string; version: number }) {
  const t = useT(editorMessages);
  const { locale } = useLocale();
  const n = (v: number) => formatNumber(locale, v);
  // `version` moves with the progress poll: answers arrive while the campaign runs.
  const nps = useGet("/api/v1/reports/nps", { params: { query: { campaign: campaignId } } });
  const rate = useGet("/api/v1/reports/response-rate", { params: { query: { campaign: campaignId } } });
  const latest = useGet("/api/v1/responses", {
    params: { query: { campaignId, limit: 5, include: "contact" } },
  });
  const reloads = [nps.reload, rate.reload, latest.reload];
  useReloadOn(version, reloads);
  return (
    <Card title={t("section.results")} className="campaign-results">
      <div className="results-figures">
        <div className="tile">
          <div className="tile-label">{t("results.nps")}</div>
          <Loaded {...nps}>
            {(r) => (
              <div className="results-figure">
                <NpsFigure nps={r.nps} summary={r} large />
                <IntervalLine summary={r} format={(v) => npsText(v, 1)} />
              </div>
            )}
          </Loaded>
        </div>
        <div className="tile">
          <div className="tile-label">{t("results.rate")}</div>
          <Loaded {...rate}>
            {(r) => (
              <div className="results-figure">
                <span className="figure figure-large">
                  <span className="figure-value">
                    {r.rate === null ? "—" : formatPercent(locale, r.rate)}
                  </span>
                </span>
                <span className="interval-line">
                  {t("results.rateValue", { responded: n(r.responded), sends: n(r.sends) })}
                </span>
              </div>
            )}
          </Loaded>
        </div>
      </div>
      <h3>{t("results.latest")}</h3>
      <Loaded {...latest}>
        {(page) =>
          page.data.length === 0 ? (
            <Empty>{t("results.none")}</Empty>
          ) : (
            <ul className="results-latest">
              {page.data.map((r) => {
                const contact = "contact" in r ? r.contact : null;
                return (
                  <li key={r.id}>
                    <ScoreChip score={r.score} segment={r.segment} />
                    <div>
                      <div className="results-who">
                        {contact ? (
                          <Link to={`/contacts/${contact.id}`}>{contact.name ?? contact.email ?? "—"}</Link>
                        ) : (
                          "—"
                        )}
                        <span className="muted"> · {formatDateTime(locale, r.createdAt)}</span>
                      </div>
                      <div className={r.comment ? undefined : "muted"}>
                        {r.comment ?? t("results.noComment")}
                      </div>
                    </div>
                  </li>
                );
              })}
            </ul>
          )
        }
      </Loaded>
    </Card>
  );
}

/** Calls each reload when `version` changes (not on the first render: everything was just read). */
function useReloadOn(version: number, reloads: (() => void)[]) {
  const seen = useRef(version);
  const latest = useRef(reloads);
  latest.current = reloads;
  useEffect(() => {
    if (seen.current === version) return;
    seen.current = version;
    for (const reload of latest.current) reload();
  }, [version]);
}
