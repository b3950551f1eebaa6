// Published NPS benchmarks per country and industry, each with its source, year and the quoted
// passage it was taken from. Context for a workspace's own score, never a target: figures differ by
// country (Japan runs far lower than Western markets), by survey method and by year.
import { z } from "zod";
import data from "./benchmark-data.json" with { type: "json" };

const benchmarkSchema = z
  .object({
    /** ISO 3166-1 alpha-2. */
    country: z.string().regex(/^[A-Z]{2}$/),
    industry: z
      .string()
      .regex(/^[a-z_]+$/)
      .max(64),
    industryJa: z.string().min(1).max(200).optional(),
    industryEn: z.string().min(1).max(200),
    nps: z.number().min(-100).max(100),
    year: z.number().int().min(2000).max(2100),
    source: z.string().min(1).max(500),
    url: z.url({ protocol: /^https?$/ }).max(2000),
    /** The passage of the source the figure is quoted from, in its own language. */
    excerpt: z.string().min(1).max(2000),
  })
  .strict();

export type Benchmark = z.infer<typeof benchmarkSchema>;

/** Checked once when loaded: a broken edit of the data fails at start and in the tests, not in a page. */
export const benchmarks: readonly Benchmark[] = z.array(benchmarkSchema).parse(data);

export const benchmarksQuery = z
  .object({
    country: z
      .string()
      .regex(/^[A-Za-z]{2}$/, "must be a two-letter country code (ISO 3166-1), e.g. JP")
      .transform((s) => s.toUpperCase())
      .optional(),
  })
  .strict();

/** What the API answers: the benchmarks with the caveat they must be read with, in both languages. */
export const benchmarkListSchema = z
  .object({
    data: z.array(
      z
        .object({
          country: z.string().describe("ISO 3166-1 alpha-2"),
          industry: z.string(),
          industryJa: z.string().optional(),
          industryEn: z.string(),
          nps: z.number(),
          year: z.number().int(),
          source: z.string(),
          url: z.string().meta({ format: "uri" }),
          excerpt: z
            .string()
            .describe("The passage of the source the figure is quoted from, in its own language"),
        })
        .meta({ id: "Benchmark" }),
    ),
    caveat: z.object({ ja: z.string(), en: z.string() }),
  })
  .meta({ id: "BenchmarkList" });

/** A country's benchmarks (all when none is given), in the order of the data. */
export const benchmarksFor = (country: string | undefined): Benchmark[] =>
  benchmarks.filter((b) => country === undefined || b.country === country);
