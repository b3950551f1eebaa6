import { describe, expect, it } from "vitest";
import { escapeHtml } from "./html-safety.ts";
import {
  MAX_FIELD_VALUE_LENGTH,
  MAX_TEMPLATE_LENGTH,
  renderMergeFields,
  type MergeValues,
} from "./merge-fields.ts";

const plain = (s: string) => s;

const values: MergeValues = {
  contact: {
    name: "山田 太郎",
    email: "taro@example.jp",
    attributes: { plan: "Pro", seats: 12, trial: false, manager: null, blank: "  " },
  },
  touchpoint: { name: "サポート窓口" },
  brand: { name: "さくら銀行" },
};

describe("renderMergeFields", () => {
  it("fills the contact, attribute, touchpoint and brand fields", () => {
    const out = renderMergeFields(
      "{{contact.name}}様（{{contact.email}}）、{{brand.name}}の{{touchpoint.name}}はいかがでしたか？" +
        " plan={{contact.attributes.plan}} seats={{ contact.attributes.seats }} trial={{contact.attributes.trial}}",
      values,
      plain,
    );
    expect(out).toBe(
      "山田 太郎様（taro@example.jp）、さくら銀行のサポート窓口はいかがでしたか？ plan=Pro seats=12 trial=false",
    );
  });

  it("uses the fallback when the value is missing, null or blank", () => {
    const anonymous: MergeValues = {
      ...values,
      contact: { ...values.contact, name: null },
      touchpoint: null,
    };
    expect(renderMergeFields("{{contact.name | お客}}様", anonymous, plain)).toBe("お客様");
    expect(renderMergeFields("Hi {{contact.name | there}},", anonymous, plain)).toBe("Hi there,");
    expect(renderMergeFields("{{touchpoint.name|our service}}", anonymous, plain)).toBe("our service");
    expect(renderMergeFields("[{{contact.attributes.manager | none}}]", values, plain)).toBe("[none]");
    expect(renderMergeFields("[{{contact.attributes.blank | none}}]", values, plain)).toBe("[none]");
    expect(renderMergeFields("{{contact.name | お客}}様", values, plain)).toBe("山田 太郎様");
  });

  it("renders unknown fields as their fallback or nothing, never as braces", () => {
    expect(renderMergeFields("a{{contact.phone}}b", values, plain)).toBe("ab");
    expect(renderMergeFields("a{{contact.attributes.missing | -}}b", values, plain)).toBe("a-b");
    expect(renderMergeFields("a{{}}b{{ | x }}c", values, plain)).toBe("abxc");
    // Keys inherited from Object.prototype are not attributes.
    expect(renderMergeFields("[{{contact.attributes.constructor}}]", values, plain)).toBe("[]");
    expect(renderMergeFields("[{{contact.attributes.__proto__ | -}}]", values, plain)).toBe("[-]");
  });

  it("leaves text that is not a complete field as it is", () => {
    expect(renderMergeFields("{brand} {{contact.name", values, plain)).toBe("{brand} {{contact.name");
  });

  it("does not expand fields inside values", () => {
    const sneaky: MergeValues = { ...values, contact: { ...values.contact, name: "{{contact.email}}" } };
    expect(renderMergeFields("{{contact.name}}", sneaky, plain)).toBe("{{contact.email}}");
  });

  it("escapes the template text, the values and the fallbacks with the given function", () => {
    const hostile: MergeValues = {
      ...values,
      contact: {
        ...values.contact,
        name: "<script>alert(1)</script>",
        attributes: { company: '"><img src=x onerror=alert(2)>' },
      },
    };
    const out = renderMergeFields(
      "<b>{{contact.name}}</b> {{contact.attributes.company}} {{contact.attributes.x | <i>}}",
      hostile,
      escapeHtml,
    );
    expect(out).toBe(
      "&lt;b&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;/b&gt; &quot;&gt;&lt;img src=x onerror=alert(2)&gt; &lt;i&gt;",
    );
  });

  it("rejects templates over the limit and caps long values", () => {
    expect(() => renderMergeFields("x".repeat(MAX_TEMPLATE_LENGTH + 1), values, plain)).toThrow(
      /at most 5000/,
    );
    expect(renderMergeFields("x".repeat(MAX_TEMPLATE_LENGTH), values, plain)).toHaveLength(
      MAX_TEMPLATE_LENGTH,
    );
    const long: MergeValues = { ...values, contact: { ...values.contact, name: "😀".repeat(2_000) } };
    expect(Array.from(renderMergeFields("{{contact.name}}", long, plain))).toHaveLength(
      MAX_FIELD_VALUE_LENGTH,
    );
  });
});
