// A page's `handle`. WITHOUT_REACT: the server's HTML and links, plain forms, and at most one island
// (app/islands/, passed by the loader) — no React in the browser (ADR 032). The root layout reads it.
export type PageHandle = { hydrate?: boolean };

export const WITHOUT_REACT: PageHandle = { hydrate: false };
