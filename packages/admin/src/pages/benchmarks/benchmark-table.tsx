// The published figures with where each comes from: industry in the reader's language, NPS, year and
// the source (a link out, opened in a new tab without a referrer) with the passage it was quoted from.
import { signed } from "../../i18n/format.ts";
import { useLocale, useT } from "../../i18n/i18n.tsx";
import { industryName, type Benchmark } from "./benchmark-types.ts";
import { benchmarkMessages } from "./messages.ts";

export function BenchmarkTable({ figures }: { figures: Benchmark[] }) {
  const t = useT(benchmarkMessages);
  const { locale } = useLocale();
  const rows = [...figures].sort((a, b) => b.nps - a.nps);
  return (
    <div className="table-wrap">
      <table className="bm-table">
        <thead>
          <tr>
            <th scope="col">{t("colIndustry")}</th>
            <th scope="col" className="num">
              {t("colNps")}
            </th>
            <th scope="col" className="num">
              {t("colYear")}
            </th>
            <th scope="col">{t("colSource")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((b) => (
            <tr key={`${b.industry}-${b.year}-${b.url}`}>
              <th scope="row">{industryName(b, locale)}</th>
              <td className="num">
                <strong>{signed(b.nps, 1)}</strong>
              </td>
              <td className="num">{b.year}</td>
              <td className="bm-source">
                <a href={b.url} target="_blank" rel="noreferrer">
                  {b.source}
                  <span className="visually-hidden">{t("newTab")}</span>
                </a>
                <details>
                  <summary>{t("excerpt")}</summary>
                  <blockquote lang={/[\u3040-\u30ff\u4e00-\u9fff]/.test(b.excerpt) ? "ja" : "en"}>
                    {b.excerpt}
                  </blockquote>
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
