// A small client for the Koe REST API as an integration would use it (Bearer API key, JSON).
import type { KoeServer } from "./server.ts";

export interface SendLinks {
  id: string;
  url: string;
  scoreUrls: string[];
}

export interface StoredResponse {
  id: string;
  surveyId: string;
  contactId: string | null;
  score: number;
  segment: string;
  comment: string | null;
  contactPreference?: string | null;
  source: string;
}

export interface NpsReport {
  nps: number | null;
  n: number;
  promoters: number;
  passives: number;
  detractors: number;
}

export interface Intent {
  score: number;
  verdict: "pending" | "bot" | "confirmed";
  reason: string | null;
}

export class Api {
  constructor(private readonly server: KoeServer) {}

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.server.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.server.apiKey}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
    return JSON.parse(text) as T;
  }

  createSurvey(input: Record<string, unknown>): Promise<{ id: string }> {
    return this.call("POST", "/surveys", input);
  }

  createContact(input: Record<string, unknown>): Promise<{ id: string }> {
    return this.call("POST", "/contacts", input);
  }

  createSend(surveyId: string, contactId: string): Promise<SendLinks> {
    return this.call("POST", "/sends", { surveyId, contactId, channel: "email" });
  }

  async responses(surveyId: string): Promise<StoredResponse[]> {
    return (await this.call<{ data: StoredResponse[] }>("GET", `/responses?surveyId=${surveyId}`)).data;
  }

  async responsesOfSend(surveyId: string, contactId: string): Promise<StoredResponse[]> {
    const page = await this.call<{ data: StoredResponse[] }>(
      "GET",
      `/responses?surveyId=${surveyId}&contactId=${contactId}`,
    );
    return page.data;
  }

  nps(surveyId: string): Promise<NpsReport> {
    return this.call("GET", `/reports/nps?surveyId=${surveyId}`);
  }

  async intents(sendId: string): Promise<Intent[]> {
    return (await this.call<{ intents: Intent[] }>("GET", `/sends/${sendId}`)).intents;
  }
}
