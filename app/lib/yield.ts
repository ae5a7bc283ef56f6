// Lets timers and sockets run between pieces of long synchronous work. An in-process job that
// renders hundreds of emails (and, on embedded PGlite, runs its queries on this thread too) would
// otherwise hold the web server's event loop for seconds: pages in flight stall and time out.
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
