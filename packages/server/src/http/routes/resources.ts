// The plain resources: surveys, touchpoints, contacts, companies.
import { canEditContacts, canEditSurveys, canEditTouchpoints } from "../../domain/auth/permissions.ts";
import * as companies from "../../domain/companies/companies.ts";
import { companyInput, companyPatch, companySchema } from "../../domain/companies/company-schema.ts";
import * as contacts from "../../domain/contacts/contacts.ts";
import {
  contactInput,
  contactListQuery,
  contactPatch,
  contactSchema,
} from "../../domain/contacts/contact-schema.ts";
import * as surveys from "../../domain/surveys/surveys.ts";
import { surveyInput, surveyPatch, surveySchema } from "../../domain/surveys/survey-schema.ts";
import * as touchpoints from "../../domain/touchpoints/touchpoints.ts";
import {
  touchpointInput,
  touchpointListQuery,
  touchpointPatch,
  touchpointSchema,
} from "../../domain/touchpoints/touchpoint-schema.ts";
import type { AppDeps } from "../env.ts";
import { resourceRoutes } from "./resource-routes.ts";

export const resourceRouters = (deps: AppDeps) => ({
  surveys: resourceRoutes(deps, {
    path: "/surveys",
    noun: "survey",
    name: "Survey",
    plural: "Surveys",
    schema: surveySchema,
    tag: "Surveys",
    input: surveyInput,
    patch: surveyPatch,
    canEdit: canEditSurveys,
    create: surveys.createSurvey,
    get: surveys.getSurvey,
    list: surveys.listSurveys,
    update: surveys.updateSurvey,
    remove: surveys.deleteSurvey,
  }),
  touchpoints: resourceRoutes(deps, {
    path: "/touchpoints",
    noun: "touchpoint",
    name: "Touchpoint",
    plural: "Touchpoints",
    schema: touchpointSchema,
    tag: "Touchpoints",
    input: touchpointInput,
    patch: touchpointPatch,
    listQuery: touchpointListQuery,
    canEdit: canEditTouchpoints,
    create: touchpoints.createTouchpoint,
    get: touchpoints.getTouchpoint,
    list: touchpoints.listTouchpoints,
    update: touchpoints.updateTouchpoint,
    remove: touchpoints.deleteTouchpoint,
  }),
  contacts: resourceRoutes(deps, {
    path: "/contacts",
    noun: "contact",
    name: "Contact",
    plural: "Contacts",
    schema: contactSchema,
    tag: "Contacts",
    input: contactInput,
    patch: contactPatch,
    listQuery: contactListQuery,
    canEdit: canEditContacts,
    create: contacts.createContact,
    get: contacts.getContact,
    list: contacts.listContacts,
    update: contacts.updateContact,
    remove: contacts.deleteContact,
  }),
  companies: resourceRoutes(deps, {
    path: "/companies",
    noun: "company",
    name: "Company",
    plural: "Companies",
    schema: companySchema,
    tag: "Companies",
    input: companyInput,
    patch: companyPatch,
    canEdit: canEditContacts,
    create: companies.createCompany,
    get: companies.getCompany,
    list: companies.listCompanies,
    update: companies.updateCompany,
    remove: companies.deleteCompany,
  }),
});
