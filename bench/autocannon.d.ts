// autocannon ships no types; the benchmark uses only its promise API and reads the result loosely.
declare module "autocannon" {
  const autocannon: (options: Record<string, unknown>) => Promise<unknown> & { stop?: () => void };
  export default autocannon;
}
