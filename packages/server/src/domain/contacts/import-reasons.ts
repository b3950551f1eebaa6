// Why a row of a contact import was left out: a code stored with the row (and its detail: a line, a limit),
// worded here in Japanese and English for the error report and the API.
export type ImportReason =
  | "email_invalid"
  | "too_long"
  | "phone_invalid"
  | "locale_invalid"
  | "time_zone_invalid"
  | "too_many_tags"
  | "number_invalid"
  | "boolean_invalid"
  | "date_invalid"
  | "key_missing"
  | "duplicate_email"
  | "duplicate_external_id"
  | "email_taken"
  | "external_id_taken"
  | "same_contact"
  | "not_text"
  | "value_count"
  | "malformed"
  | "changed_meanwhile";

const en: Record<ImportReason, string> = {
  email_invalid: "not an email address",
  too_long: "longer than {detail} characters",
  phone_invalid: "not a phone number (digits, spaces and + ( ) - . / # * ext only)",
  locale_invalid: "not a language Koe speaks (ja or en)",
  time_zone_invalid: "not a time zone (such as Asia/Tokyo)",
  too_many_tags: "more than {detail} tags",
  number_invalid: "not a number",
  boolean_invalid: "not true or false",
  date_invalid: "not a date (YYYY-MM-DD)",
  key_missing: "needs an email address or an external id",
  duplicate_email: "the same email address as line {detail}",
  duplicate_external_id: "the same external id as line {detail}",
  email_taken: "this email address belongs to another contact",
  external_id_taken: "this email address's contact has another external id ({detail})",
  same_contact: "names the same contact as line {detail}",
  not_text: "holds bytes that are not text in {detail}; save the file as UTF-8 or Shift_JIS (CP932)",
  value_count: "has {detail} values; the header has a different number",
  malformed: "not valid CSV: {detail}",
  changed_meanwhile: "the contact was changed by someone else during the import; import the file again",
};

const ja: Record<ImportReason, string> = {
  email_invalid: "メールアドレスの形式ではありません",
  too_long: "{detail}文字を超えています",
  phone_invalid: "電話番号の形式ではありません（数字、空白、+ ( ) - . / # * ext のみ）",
  locale_invalid: "対応していない言語です（ja または en）",
  time_zone_invalid: "タイムゾーンではありません（例: Asia/Tokyo）",
  too_many_tags: "タグが{detail}個を超えています",
  number_invalid: "数値ではありません",
  boolean_invalid: "true / false ではありません",
  date_invalid: "日付（YYYY-MM-DD）ではありません",
  key_missing: "メールアドレスか外部IDが必要です",
  duplicate_email: "{detail}行目と同じメールアドレスです",
  duplicate_external_id: "{detail}行目と同じ外部IDです",
  email_taken: "このメールアドレスは別の顧客のものです",
  external_id_taken: "このメールアドレスの顧客には別の外部ID（{detail}）があります",
  same_contact: "{detail}行目と同じ顧客を指しています",
  not_text: "{detail}として読めないバイトを含みます。UTF-8 か Shift_JIS（CP932）で保存し直してください",
  value_count: "値が{detail}個あり、見出し行と数が合いません",
  malformed: "CSVとして正しくありません: {detail}",
  changed_meanwhile: "取り込み中に別の操作で顧客が変更されました。もう一度取り込んでください",
};

/** The reason in words; an unknown code (from a later version) is shown as it is. */
export function describeReason(locale: "ja" | "en", reason: string, detail: string): string {
  const template = (locale === "ja" ? ja : en)[reason as ImportReason];
  return template ? template.replace("{detail}", detail) : `${reason} ${detail}`.trim();
}
