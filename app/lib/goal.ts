// The goal a petition shows: its own goal until reached, then the next step of a ladder
// (1k → 5k → 10k → 25k → 50k → 100k → 250k …), as signers expect.
const LADDER = [
  100, 500, 1_000, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000,
];

export function displayGoal(count: number, goal: number) {
  if (count < goal) return goal;
  const next = LADDER.find((step) => step > count && step > goal);
  if (next) return next;
  let step = 1_000_000;
  while (step <= count) step *= 2.5;
  return Math.round(step);
}

export function progressPercent(count: number, goal: number) {
  return Math.max(0, Math.min(100, Math.round((count / Math.max(goal, 1)) * 1000) / 10));
}
