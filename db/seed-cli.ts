import { closeDb, dbReady } from "./client";
import { seedDemo } from "./seed";

await dbReady();
const seeded = await seedDemo();
console.log(
  seeded ? "Seeded the demo campaign." : "The demo campaign is already there; nothing to do.",
);
await closeDb();
