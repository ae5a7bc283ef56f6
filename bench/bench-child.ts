// The benches run each phase in a fresh Node process, so one phase's caches and heap never flatter
// the next; this starts such a phase and returns what it printed.
import { spawn } from "node:child_process";

export function runBenchChild(
  script: string,
  args: string[],
  envs: Record<string, string>,
  { nodeFlags = [] as string[], extraEnv = {} as Record<string, string> } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, "--import", "tsx", script, ...args], {
      env: {
        ...process.env,
        ...envs,
        SESSION_SECRET: "bench-secret-bench-secret-bench-secret",
        APP_URL: "https://handover.example",
        NODE_ENV: "production",
        ...extraEnv,
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("exit", (code) =>
      code === 0 ? resolve(out) : reject(new Error(`child ${args.join(" ")} exited ${code}`)),
    );
  });
}
