// Demo companies (~30) and contacts (~600) with plausible names, romanised emails, plans and time zones.
import type { Db } from "../db/open.ts";
import { createCompany } from "../domain/companies/companies.ts";
import { companyInput } from "../domain/companies/company-schema.ts";
import { contactInput } from "../domain/contacts/contact-schema.ts";
import { createContact } from "../domain/contacts/contacts.ts";
import type { DemoContent, Region } from "./demo-content.ts";
import type { Random } from "./random.ts";

export const CONTACT_COUNT = 600;
/** Contacts who signed up on their own, with no company. */
const INDIVIDUALS = 60;

type Plan = "free" | "pro" | "enterprise";
const contactsPerPlan: Record<Plan, number> = { enterprise: 6, pro: 3, free: 1 };
/** Enterprise customers get more attention and are a little happier; free users a little less. */
const moodOfPlan: Record<Plan, number> = { enterprise: 4, pro: 0, free: -6 };

/** What the response generator needs to know about a contact. */
export interface DemoContact {
  id: string;
  timeZone: string;
  plan: Plan;
  /** Lasting mood in NPS points: some customers are happier than others whatever they are asked. */
  mood: number;
}

interface Account {
  id: string | null;
  domain: string;
  plan: Plan;
  region: string;
  timeZones: readonly string[];
  seats: number;
  contacts: number;
  emailStyle: number;
}

const emailStyles = [
  (g: string, f: string) => `${g}.${f}`,
  (g: string, f: string) => `${f}.${g}`,
  (g: string, f: string) => `${g.charAt(0)}.${f}`,
  (g: string, f: string) => `${f}-${g}`,
  (g: string, f: string) => `${g.charAt(0)}${f}`,
];

const ascii = (s: string) => s.replace(/[^a-z]/g, "");

function pickRegion(r: Random, content: DemoContent): Region {
  const region = content.regions[r.index(content.regions.map((g) => g.weight))];
  if (!region) throw new Error(`the ${content.locale} demo content has no regions`);
  return region;
}

function seatsOf(r: Random, plan: Plan): number {
  if (plan === "enterprise") return r.int(20, 200) * 10;
  if (plan === "pro") return r.int(10, 150);
  return r.int(1, 5);
}

async function seedCompanies(
  db: Db,
  workspaceId: string,
  content: DemoContent,
  r: Random,
): Promise<Account[]> {
  const accounts: Account[] = [];
  for (const [i, [name, domain, industry]] of content.companies.entries()) {
    const plan = r.weighted<Plan>({ enterprise: 25, pro: 50, free: 25 });
    const region = pickRegion(r, content);
    const seats = seatsOf(r, plan);
    const attributes = { plan, region: region.name, seats, industry };
    const company = await createCompany(
      db,
      workspaceId,
      companyInput.parse({ name, domain, externalId: `ACC-${1001 + i}`, attributes }),
    );
    const timeZones = [r.pick(region.timeZones), ...region.timeZones];
    const account = { id: company.id, domain, plan, region: region.name, timeZones, seats, contacts: 0 };
    accounts.push({ ...account, emailStyle: r.int(0, emailStyles.length - 1) });
  }
  // Share the contacts out by plan: an enterprise customer has many users who answer, a free one few.
  const total = accounts.reduce((sum, a) => sum + contactsPerPlan[a.plan], 0);
  for (const a of accounts)
    a.contacts = Math.round(((CONTACT_COUNT - INDIVIDUALS) * contactsPerPlan[a.plan]) / total);
  const placed = accounts.reduce((sum, a) => sum + a.contacts, 0);
  accounts.push({
    id: null,
    domain: content.personalDomain,
    plan: "free",
    region: "",
    timeZones: [],
    seats: 1,
    contacts: CONTACT_COUNT - placed,
    emailStyle: 0,
  });
  return accounts;
}

export async function seedPeople(
  db: Db,
  workspaceId: string,
  content: DemoContent,
  r: Random,
): Promise<{ companies: number; contacts: DemoContact[] }> {
  const accounts = await seedCompanies(db, workspaceId, content, r);
  const used = new Set<string>();
  const contacts: DemoContact[] = [];
  for (const account of accounts) {
    for (let i = 0; i < account.contacts; i++) {
      const [family, familyRoman] = r.pick(content.familyNames);
      const [given, givenRoman] = r.pick(content.givenNames);
      const individual = account.id === null;
      const style =
        emailStyles[individual ? r.int(0, emailStyles.length - 1) : account.emailStyle] ?? emailStyles[0];
      let local = style ? style(ascii(givenRoman), ascii(familyRoman)) : ascii(familyRoman);
      if (individual && r.chance(0.6)) local += String(r.int(10, 99));
      let email = `${local}@${account.domain}`;
      for (let n = 2; used.has(email); n++) email = `${local}${n}@${account.domain}`;
      used.add(email);
      // Most people work in their company's main time zone; some sit in another office of the region.
      // People with no company live anywhere.
      const home = individual ? pickRegion(r, content) : undefined;
      const region = home?.name ?? account.region;
      const zones = home?.timeZones ?? account.timeZones;
      const timeZone = (r.chance(0.85) ? zones[0] : r.pick(zones)) ?? content.anonymousTimeZone;
      const role = individual ? content.roles[0] : r.pick(content.roles);
      const contact = await createContact(
        db,
        workspaceId,
        contactInput.parse({
          email,
          name: content.fullName(family, given),
          locale: content.locale,
          timeZone,
          externalId: `user-${String(10001 + contacts.length)}`,
          companyId: account.id,
          attributes: { plan: account.plan, region, seats: account.seats, role: role ?? null },
        }),
      );
      const mood = r.normal() * content.style.contactSpread + moodOfPlan[account.plan];
      contacts.push({
        id: contact.id,
        timeZone: contact.timeZone ?? content.anonymousTimeZone,
        plan: account.plan,
        mood,
      });
    }
  }
  return { companies: accounts.length - 1, contacts };
}
