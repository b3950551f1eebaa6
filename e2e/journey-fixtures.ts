// The files a new user brings to Koe in the end-to-end journey (new-user-journey.test.ts): a 200-row UTF-8
// customer list exported from a CRM, with the mistakes real lists have, and a short list saved by Excel on
// Japanese Windows (Shift_JIS / CP932, CRLF) with Japanese column names.
import iconv from "iconv-lite";

export interface BadRow {
  /** The file's line (the header is line 1). */
  line: number;
  /** The column at fault. */
  column: string;
  /** Why, as the Japanese error list words it. */
  reason: string;
}

export interface CustomerList {
  csv: Buffer;
  /** Rows the import should store (distinct addresses). */
  good: number;
  bad: BadRow[];
  /** A few stored contacts to look for afterwards. */
  samples: { email: string; name: string }[];
}

const surnames = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤"];
const given = ["一郎", "花子", "健太", "美咲", "翔", "陽菜", "大輔", "さくら", "直樹", "結衣"];
const companies = ["ひかり商事", "みどり物流", "あおば製作所", "さくら不動産", "つばさ運輸"];

/**
 * 200 data rows: 197 good customers, one address that is not one (line 41), one language Koe does not
 * speak (line 82), and one customer exported twice (lines 121 and 161, the second in upper case). A
 * column of the CRM's internal notes ("社内メモ") is one the manager chooses not to import.
 */
export function customerList(prefix: string): CustomerList {
  const lines = ["email,name,locale,company,phone,plan,社内メモ"];
  const bad: BadRow[] = [];
  const samples: { email: string; name: string }[] = [];
  const emails = new Set<string>();
  for (let i = 1; i <= 200; i++) {
    const line = i + 1;
    const name = `${surnames[i % 10]} ${given[Math.floor(i / 10) % 10]}`;
    const company = companies[i % companies.length];
    const locale = i % 7 === 0 ? "en" : "ja";
    let email = `${prefix}-${String(i).padStart(3, "0")}@example.jp`;
    let loc = locale;
    if (i === 40) {
      email = `${prefix}-040.example.jp`; // no @
      bad.push({ line, column: "email", reason: "メールアドレスの形式ではありません" });
    } else if (i === 81) {
      loc = "fr";
      bad.push({ line, column: "locale", reason: "対応していない言語です（ja または en）" });
    } else if (i === 160) {
      email = `${prefix}-120@EXAMPLE.JP`; // line 121's customer again
      bad.push({ line, column: "email", reason: "121行目と同じメールアドレスです" });
    }
    if (!bad.some((b) => b.line === line)) emails.add(email.toLowerCase());
    if (i === 1 || i === 77 || i === 199) samples.push({ email, name });
    const plan = i % 3 === 0 ? "エンタープライズ" : "スタンダード";
    lines.push(`${email},${name},${loc},${company},03-1234-${String(1000 + i)},${plan},要フォロー ${i}`);
  }
  return { csv: Buffer.from(lines.join("\n") + "\n", "utf8"), good: emails.size, bad, samples };
}

/** The customer the manager adds by hand before the imports: the one who will answer and ask for a call. */
export const keyCustomer = {
  email: "taro.yamada@example.jp",
  name: "山田 太郎",
  phone: "090-1234-5678",
  tag: "重要顧客",
} as const;

/** Customers from a trade show, as Excel on Japanese Windows saves them: CP932, CRLF, Japanese headers. */
export const tradeShowPeople = [
  { email: "ichiro.takahashi@example.jp", name: "髙橋 一郎", company: "株式会社①テック", phone: "" },
  { email: "keiko.watanabe@example.jp", name: "渡邊 恵子", company: "みどり物流", phone: "03-5555-0101" },
  { email: "shin.saito@example.jp", name: "齋藤 慎", company: "あおば製作所", phone: "" },
  { email: "yumiko.kobayashi@example.jp", name: "小林 由美子", company: "株式会社ひかり商事", phone: "" },
] as const;

export function tradeShowCsv(): Buffer {
  const rows = [
    "メールアドレス,氏名,会社名,電話番号",
    ...tradeShowPeople.map((p) => `${p.email},${p.name},${p.company},${p.phone}`),
    "",
  ];
  return iconv.encode(rows.join("\r\n"), "cp932");
}
