import { closeDb, dbReady } from "./client";

// Opening the database applies pending migrations.
await dbReady();
console.log("Migrations applied.");
await closeDb();
