// Which column of a contact CSV fills which field, guessed from its header in Japanese or English
// (メールアドレス / email, 氏名 / name, 電話番号 / phone, 会社名 / company, 言語 / locale, タグ / tags,
// 顧客ID / external id…); any other column becomes an attribute, typed by its first values. The person
// checks the guess on the preview and changes any column before the run; a mapping is checked here too.
import { ValidationError } from "../errors.ts";
import {
  MAX_ATTRIBUTES,
  type AttributeType,
  type ColumnMapping,
  type ImportField,
  type ImportMapping,
} from "./import-schema.ts";

/** A header as compared: NFKC (full-width folded), lower case, without spaces, _ - . ・ and brackets. */
export const headerKey = (header: string): string =>
  header
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s_\-.・()（）[\]「」]/g, "");

const synonyms: Record<Exclude<ImportField, "attribute" | "skip">, string[]> = {
  email: [
    "email",
    "emailaddress",
    "mail",
    "mailaddress",
    "e-mail",
    "メール",
    "メールアドレス",
    "eメール",
    "eメールアドレス",
    "電子メール",
    "電子メールアドレス",
    "連絡先メールアドレス",
  ],
  name: [
    "name",
    "fullname",
    "contactname",
    "customername",
    "氏名",
    "名前",
    "お名前",
    "顧客名",
    "担当者名",
    "担当者",
    "氏名漢字",
    "姓",
    "名",
    "lastname",
    "firstname",
    "familyname",
    "givenname",
    "surname",
  ],
  phone: [
    "phone",
    "phonenumber",
    "tel",
    "telephone",
    "mobile",
    "mobilephone",
    "cellphone",
    "電話",
    "電話番号",
    "携帯",
    "携帯電話",
    "携帯番号",
    "携帯電話番号",
    "tel番号",
  ],
  company: [
    "company",
    "companyname",
    "organization",
    "organisation",
    "account",
    "accountname",
    "会社",
    "会社名",
    "企業",
    "企業名",
    "法人名",
    "勤務先",
    "所属",
    "取引先",
    "取引先名",
  ],
  locale: ["locale", "language", "lang", "言語", "使用言語", "言語設定"],
  timeZone: ["timezone", "tz", "タイムゾーン", "時間帯"],
  tags: ["tags", "tag", "labels", "label", "タグ", "ラベル"],
  externalId: [
    "externalid",
    "id",
    "customerid",
    "contactid",
    "userid",
    "crmid",
    "memberid",
    "顧客id",
    "顧客番号",
    "顧客コード",
    "会員id",
    "会員番号",
    "ユーザーid",
    "外部id",
  ],
};

const fieldOfHeader = new Map<string, ImportField>();
for (const [field, words] of Object.entries(synonyms))
  for (const w of words) fieldOfHeader.set(headerKey(w), field as ImportField);

/** Fields a column maps to at most once (name may take several columns, attributes and skips any). */
const once = new Set<ImportField>(["email", "phone", "company", "locale", "timeZone", "tags", "externalId"]);

const NUMBER = /^[-+]?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?$/;
const BOOLEAN = new Set(["true", "false", "yes", "no", "はい", "いいえ", "○", "×"]);
const DATE = /^(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})日?$/;

/** An attribute's type from its values: the narrowest one every non-empty value fits, else text. */
export function guessType(values: readonly string[]): AttributeType {
  const filled = values.map((v) => v.trim()).filter((v) => v !== "");
  if (filled.length === 0) return "text";
  if (filled.every((v) => NUMBER.test(v.normalize("NFKC")))) return "number";
  if (filled.every((v) => BOOLEAN.has(v.normalize("NFKC").toLowerCase()))) return "boolean";
  if (filled.every((v) => toDate(v) !== undefined)) return "date";
  return "text";
}

/** A cell as the attribute type stores it; undefined when it does not fit. */
export function toNumber(v: string): number | undefined {
  const s = v.normalize("NFKC");
  if (!NUMBER.test(s)) return undefined;
  const n = Number(s.replace(/,/g, ""));
  return Number.isFinite(n) ? n : undefined;
}

export function toBoolean(v: string): boolean | undefined {
  const s = v.normalize("NFKC").toLowerCase();
  if (s === "true" || s === "yes" || s === "はい" || s === "○") return true;
  if (s === "false" || s === "no" || s === "いいえ" || s === "×") return false;
  return undefined;
}

/** YYYY-MM-DD from 2026-12-06, 2026/12/6 or 2026年12月6日, if it is a real day. */
export function toDate(v: string): string | undefined {
  const m = DATE.exec(v.normalize("NFKC").trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return undefined;
  return `${m[1]}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** The attribute name a header gives: trimmed, at most 64 characters. */
export const attributeKey = (header: string, column: number): string =>
  header.normalize("NFKC").trim().slice(0, 64) || `column ${column + 1}`;

/**
 * The guessed mapping of `columns` (the header), with `sample` rows to type the attributes. The first
 * column naming a field takes it; a later one naming it again becomes an attribute.
 */
export function guessMapping(
  columns: readonly string[],
  sample: readonly (readonly string[])[],
): ImportMapping {
  const taken = new Set<ImportField>();
  let attributes = 0;
  const mapped = columns.map((header, column): ColumnMapping => {
    const field = fieldOfHeader.get(headerKey(header));
    if (field && !(once.has(field) && taken.has(field))) {
      taken.add(field);
      return { column, field };
    }
    if (headerKey(header) === "" && sample.every((row) => (row[column] ?? "").trim() === ""))
      return { column, field: "skip" };
    if (++attributes > MAX_ATTRIBUTES) return { column, field: "skip" };
    const type = guessType(sample.map((row) => row[column] ?? ""));
    return { column, field: "attribute", key: attributeKey(header, column), type };
  });
  return { columns: mapped };
}

/** A mapping checked against the header: every column at most once, fields once, attributes named once. */
export function checkMapping(mapping: ImportMapping, columns: readonly string[]): ColumnMapping[] {
  const byColumn = new Map<number, ColumnMapping>();
  const issues: { path: string; message: string }[] = [];
  const fields = new Set<ImportField>();
  const keys = new Set<string>();
  for (const m of mapping.columns) {
    if (m.column >= columns.length) issues.push({ path: `columns.${m.column}`, message: "no such column" });
    else if (byColumn.has(m.column))
      issues.push({ path: `columns.${m.column}`, message: "the column is mapped twice" });
    else if (once.has(m.field) && fields.has(m.field))
      issues.push({ path: `columns.${m.column}`, message: `only one column can be ${m.field}` });
    else {
      const resolved: ColumnMapping =
        m.field === "attribute"
          ? { ...m, key: m.key ?? attributeKey(columns[m.column] ?? "", m.column), type: m.type ?? "text" }
          : { column: m.column, field: m.field };
      if (resolved.field === "attribute") {
        if (keys.has(resolved.key!))
          issues.push({
            path: `columns.${m.column}`,
            message: `the attribute "${resolved.key}" is given twice`,
          });
        keys.add(resolved.key!);
      }
      fields.add(m.field);
      byColumn.set(m.column, resolved);
    }
  }
  if (keys.size > MAX_ATTRIBUTES)
    issues.push({ path: "columns", message: `at most ${MAX_ATTRIBUTES} attribute columns` });
  if (!fields.has("email") && !fields.has("externalId"))
    issues.push({
      path: "columns",
      message: "map a column to email or to externalId: rows are matched by them",
    });
  if (issues.length) throw new ValidationError(issues);
  // Columns the mapping leaves out are skipped.
  return columns.map((_, column) => byColumn.get(column) ?? { column, field: "skip" });
}
