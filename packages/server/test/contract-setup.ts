// Every test file runs with this: each API answer a test receives is held against the OpenAPI document
// (http/contract/response-check.ts), and a test that received one breaking it fails.
import { afterEach, expect } from "vitest";
import { checkResponsesWith } from "../src/http/contract/response-check.ts";

const broken: string[] = [];
checkResponsesWith((v) => broken.push(v));

afterEach(() => {
  const seen = broken.splice(0);
  expect(seen, "API answers that break the OpenAPI document").toEqual([]);
});
