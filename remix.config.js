/** @type {import('@remix-run/dev').AppConfig} */
// BUILD_DIR lets several builds (e.g. parallel test runs) live side by side.
const buildDir = process.env.BUILD_DIR || "build";

export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.*"],
  serverModuleFormat: "esm",
  serverBuildPath: `${buildDir}/index.js`,
  assetsBuildDirectory: `public/${buildDir}`,
  publicPath: `/${buildDir}/`,
  serverDependenciesToBundle: [],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
};
