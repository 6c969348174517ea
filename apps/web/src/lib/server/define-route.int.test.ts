import { ZProblem, ZProjectsResponse } from "@loupe/contracts";
import { createProjectWithKeys } from "@loupe/server/testing";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { POST as createApiKey } from "@/app/api/internal/projects/[projectId]/api-keys/route";
import { POST as signUp } from "@/app/api/internal/sign-up/route";
import { GET as listProjects } from "@/app/api/public/projects/route";
import { defineRoute, refuseCrossSiteMutation } from "./define-route";

const BASE = "http://localhost:3000";
const noParams = { params: Promise.resolve({}) };

function request(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new NextRequest(new URL(path, BASE), { method: init.method ?? "GET", headers: init.headers, body: init.body });
}

describe("defineRoute: forged browser requests (CSRF)", () => {
  const apiKeys = "/api/internal/projects/p1/api-keys";
  const params = { params: Promise.resolve({ projectId: "p1" }) };

  it("refuses an internal mutation from another origin with 403, before it looks at the session", async () => {
    const res = await createApiKey(
      request(apiKeys, { method: "POST", headers: { origin: "http://evil.example", "content-type": "text/plain" }, body: '{"note":"x"}' }),
      params,
    );
    expect(res.status).toBe(403);
    const problem = ZProblem.parse(await res.json());
    expect(problem.title).toContain("Cross-site request refused: http://evil.example is not http://localhost:3000");
  });

  it("refuses a same-origin mutation whose body is not JSON (a cross-site form cannot send JSON)", async () => {
    const res = await createApiKey(
      request(apiKeys, { method: "POST", headers: { origin: BASE, "content-type": "text/plain;charset=UTF-8" }, body: "{}" }),
      params,
    );
    expect(res.status).toBe(403);
    expect(ZProblem.parse(await res.json()).title).toBe("Request body must be sent as Content-Type: application/json");
  });

  it("refuses a mutation without Origin unless the browser says Sec-Fetch-Site: same-origin", async () => {
    const crossSite = request(apiKeys, { method: "POST", headers: { "sec-fetch-site": "cross-site", "content-type": "application/json" } });
    expect(refuseCrossSiteMutation(crossSite, true)).toMatch(/Cross-site request refused/);
    const noHeaders = request(apiKeys, { method: "DELETE" });
    expect(refuseCrossSiteMutation(noHeaders, false)).toMatch(/Cross-site request refused/);
    const sameSite = request(apiKeys, { method: "POST", headers: { "sec-fetch-site": "same-origin", "content-type": "application/json" } });
    expect(refuseCrossSiteMutation(sameSite, true)).toBeNull();
  });

  it("lets through Loupe's own JSON mutations, and reads from anywhere (GET is never refused)", () => {
    const own = request(apiKeys, { method: "POST", headers: { origin: BASE, "content-type": "application/json; charset=utf-8" } });
    expect(refuseCrossSiteMutation(own, true)).toBeNull();
    const bodylessDelete = request(`${apiKeys}/k1`, { method: "DELETE", headers: { origin: BASE } });
    expect(refuseCrossSiteMutation(bodylessDelete, false)).toBeNull();
    expect(refuseCrossSiteMutation(request(apiKeys, { headers: { origin: "http://evil.example" } }), false)).toBeNull();
  });

  it("guards the unauthenticated internal routes too (sign-up), and answers them in ZProblem", async () => {
    const forged = await signUp(
      request("/api/internal/sign-up", {
        method: "POST",
        headers: { origin: "http://evil.example", "content-type": "application/json" },
        body: "{}",
      }),
      noParams,
    );
    expect(forged.status).toBe(403);
    const invalid = await signUp(
      request("/api/internal/sign-up", { method: "POST", headers: { origin: BASE, "content-type": "application/json" }, body: "{}" }),
      noParams,
    );
    expect(invalid.status).toBe(400);
    expect(ZProblem.parse(await invalid.json()).invalid_params?.length).toBeGreaterThan(0);
  });
});

describe("defineRoute: response contracts", () => {
  const route = (answer: unknown) =>
    defineRoute({ auth: { kind: "none" }, response: z.object({ id: z.string() }), handler: async () => answer as { id: string } });

  it("fails loudly (500, naming the field) when a public route answers off its contract", async () => {
    const res = await route({ id: 42 })(request("/api/public/example"), noParams);
    expect(res.status).toBe(500);
    const body = (await res.json()) as { message: string; error: { path: string[] }[] };
    expect(body.message).toBe("Response does not match its contract");
    expect(body.error[0]?.path).toEqual(["id"]);
  });

  it("answers a conforming response unchanged", async () => {
    const res = await route({ id: "a" })(request("/api/public/example"), noParams);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: "a" });
  });

  it("checks a real public route against its Z*Response", async () => {
    const k = await createProjectWithKeys();
    const res = await listProjects(request("/api/public/projects", { headers: { authorization: k.basic } }), noParams);
    expect(res.status).toBe(200);
    expect(ZProjectsResponse.parse(await res.json()).data[0]?.id).toBe(k.project.id);
  });
});
