// The shared render cache: one render per key per window however many readers, never a non-200
// page, and keys never mix (the language is part of the key).
import { describe, expect, it } from "vitest";
import { createSharedRenderCache } from "~/http/shared-render.server";

describe("shared render cache", () => {
  it("renders once per key for a crowd, keeps keys apart, and refreshes in the background", async () => {
    const calls: string[] = [];
    const cache = createSharedRenderCache({
      freshMs: 50,
      staleMs: 10_000,
      render: async (key) => {
        calls.push(key);
        await new Promise((r) => setTimeout(r, 10));
        return new Response(`<p>${key} #${calls.length}</p>`, {
          headers: { "Content-Type": "text/html" },
        });
      },
    });
    const crowd = await Promise.all(Array.from({ length: 100 }, () => cache.get("page|x|en|0")));
    expect(calls).toEqual(["page|x|en|0"]);
    expect(new Set(crowd.map((p) => p!.body.toString()))).toEqual(
      new Set(["<p>page|x|en|0 #1</p>"]),
    );
    expect((await cache.get("page|x|es|0"))!.body.toString()).toBe("<p>page|x|es|0 #2</p>");
    await new Promise((r) => setTimeout(r, 60));
    // Stale: served at once while one refresh runs.
    expect((await cache.get("page|x|en|0"))!.body.toString()).toBe("<p>page|x|en|0 #1</p>");
    await new Promise((r) => setTimeout(r, 30));
    expect((await cache.get("page|x|en|0"))!.body.toString()).toBe("<p>page|x|en|0 #3</p>");
  });

  it("never shares a redirect or an error", async () => {
    const cache = createSharedRenderCache({
      render: async () => new Response("gone", { status: 404 }),
    });
    expect(await cache.get("page|nope|en|0")).toBeNull();
  });
});
