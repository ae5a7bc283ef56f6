// The petition page's browser code must not carry the dashboard's strings: a signer on a slow phone
// would download them for nothing. The page itself ships one island (ADR 032), bundled here as
// build.mjs bundles it; the React route module is still built for in-app navigation, so it is
// bundled too, as Remix sends it (client entry, root and route, browser exports only; `.server`
// files stand empty, as the Remix compiler makes them). No production build needed.
import path from "node:path";
import { build, type BuildOptions, type Plugin } from "esbuild";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");

// Namespaces only organizers, coordinators and offices read.
const DASHBOARD_NAMESPACES = ["organizer", "delivery", "office", "packet", "integrations"];

// What Remix leaves of a route in the browser build: its UI exports, never loader/action/headers.
const BROWSER_ENTRY = `
import "./app/entry.client.tsx";
export { default as App, Layout, ErrorBoundary, links as rootLinks } from "./app/root.tsx";
export { default as PetitionPage, meta, links } from "./app/routes/p.$slug._index.tsx";
`;

const browserOnly: Plugin = {
  name: "browser-only",
  setup(b) {
    b.onResolve({ filter: /\.server(\.tsx?)?$/ }, (args) => ({
      path: args.path,
      namespace: "empty",
    }));
    b.onResolve({ filter: /\.css$/ }, (args) => ({ path: args.path, namespace: "empty" }));
    // Packages are not ours to check; only the project's own files are listed.
    b.onResolve({ filter: /^[^./~#]/ }, (args) => ({ path: args.path, external: true }));
    b.onLoad({ filter: /.*/, namespace: "empty" }, () => ({
      // CommonJS, so any named import resolves (to undefined), as in the Remix browser build.
      contents: "module.exports = {}",
      loader: "js",
    }));
  },
};

/** The project files whose code is in a browser bundle after tree-shaking. */
async function filesIn(entry: Pick<BuildOptions, "stdin" | "entryPoints" | "plugins">) {
  const result = await build({
    ...entry,
    absWorkingDir: root,
    tsconfig: path.join(root, "tsconfig.json"),
    bundle: true,
    write: false,
    metafile: true,
    format: "esm",
    platform: "browser",
    jsx: "automatic",
    treeShaking: true,
    logLevel: "silent",
  });
  const output = Object.values(result.metafile.outputs)[0]!;
  return Object.entries(output.inputs)
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([file]) => file);
}

const projectFilesInSignerPage = () =>
  filesIn({
    stdin: {
      contents: BROWSER_ENTRY,
      resolveDir: root,
      loader: "ts",
      sourcefile: "signer-page.ts",
    },
    plugins: [browserOnly],
  });

// Packages are bundled here, as build.mjs bundles them: any that slipped in is listed.
const filesInIsland = () =>
  filesIn({ entryPoints: [path.join(root, "app/islands/petition-page.ts")] });

describe("the petition page's island", () => {
  it("is plain code: no React, Remix, zod, conform, and no strings (the server words everything)", async () => {
    const files = await filesInIsland();
    expect(files).toContain("app/islands/sign-form.ts");
    expect(files).toContain("app/islands/live-count.ts");
    expect(files.filter((f) => f.includes("node_modules/"))).toEqual([]);
    expect(files.filter((f) => f.startsWith("app/locales/"))).toEqual([]);
  });
});

describe("the petition page's React route (in-app navigation)", () => {
  it("carries the signer's strings and none of the dashboard's", async () => {
    const files = await projectFilesInSignerPage();
    expect(files).toContain("app/locales/signer.ts");
    expect(files).toContain("app/components/sign-form.tsx");
    const dashboardStrings = files.filter((file) =>
      DASHBOARD_NAMESPACES.some((ns) => file === `app/locales/${ns}.ts`),
    );
    expect(dashboardStrings).toEqual([]);
    expect(files).not.toContain("app/locales/index.ts");
  });
});
