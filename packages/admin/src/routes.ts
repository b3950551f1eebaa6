// The app's pages. Each is loaded when first visited, so the first page needs only its own code.
import { lazy, type ComponentType } from "react";

export interface PageProps {
  params: Record<string, string>;
}

type Page = ComponentType<PageProps>;
const page = (load: () => Promise<{ default: Page }>) => lazy(load);

export const navItems = [
  "overview",
  "touchpoints",
  "benchmarks",
  "responses",
  "testimonials",
  "contacts",
  "surveys",
  "campaigns",
  "triggers",
  "outbox",
  "settings",
] as const;
export type NavItem = (typeof navItems)[number];

/** `nav`: the navigation entry it belongs to, which also names it in the window's title. */
export const routes: { pattern: string; nav: NavItem; page: Page }[] = [
  { pattern: "/", nav: "overview", page: page(() => import("./pages/overview/overview-page.tsx")) },
  {
    pattern: "/touchpoints",
    nav: "touchpoints",
    page: page(() => import("./pages/touchpoints/touchpoints-page.tsx")),
  },
  {
    pattern: "/touchpoints/:id",
    nav: "touchpoints",
    page: page(() => import("./pages/touchpoints/touchpoint-page.tsx")),
  },
  {
    pattern: "/benchmarks",
    nav: "benchmarks",
    page: page(() => import("./pages/benchmarks/benchmarks-page.tsx")),
  },
  {
    pattern: "/responses",
    nav: "responses",
    page: page(() => import("./pages/responses/responses-page.tsx")),
  },
  {
    pattern: "/testimonials",
    nav: "testimonials",
    page: page(() => import("./pages/testimonials/testimonials-page.tsx")),
  },
  { pattern: "/contacts", nav: "contacts", page: page(() => import("./pages/contacts/contacts-page.tsx")) },
  {
    pattern: "/contacts/import",
    nav: "contacts",
    page: page(() => import("./pages/contact-import/contact-import-page.tsx")),
  },
  {
    pattern: "/contacts/:id",
    nav: "contacts",
    page: page(() => import("./pages/contacts/contact-page.tsx")),
  },
  {
    pattern: "/companies",
    nav: "contacts",
    page: page(() => import("./pages/companies/companies-page.tsx")),
  },
  {
    pattern: "/companies/:id",
    nav: "contacts",
    page: page(() => import("./pages/companies/company-page.tsx")),
  },
  { pattern: "/surveys", nav: "surveys", page: page(() => import("./pages/surveys/surveys-page.tsx")) },
  {
    pattern: "/surveys/new",
    nav: "surveys",
    page: page(() => import("./pages/surveys/survey-editor-page.tsx")),
  },
  {
    pattern: "/surveys/:id",
    nav: "surveys",
    page: page(() => import("./pages/surveys/survey-editor-page.tsx")),
  },
  {
    pattern: "/campaigns",
    nav: "campaigns",
    page: page(() => import("./pages/campaigns/campaigns-page.tsx")),
  },
  {
    pattern: "/campaigns/new",
    nav: "campaigns",
    page: page(() => import("./pages/campaigns/campaign-page.tsx")),
  },
  {
    pattern: "/campaigns/:id",
    nav: "campaigns",
    page: page(() => import("./pages/campaigns/campaign-page.tsx")),
  },
  { pattern: "/triggers", nav: "triggers", page: page(() => import("./pages/triggers/triggers-page.tsx")) },
  {
    pattern: "/triggers/new",
    nav: "triggers",
    page: page(() => import("./pages/triggers/trigger-editor-page.tsx")),
  },
  {
    pattern: "/triggers/:id",
    nav: "triggers",
    page: page(() => import("./pages/triggers/trigger-editor-page.tsx")),
  },
  { pattern: "/outbox", nav: "outbox", page: page(() => import("./pages/outbox/outbox-page.tsx")) },
  { pattern: "/settings", nav: "settings", page: page(() => import("./pages/settings/settings-page.tsx")) },
];

export const navPath = (item: NavItem) => (item === "overview" ? "/" : `/${item}`);
