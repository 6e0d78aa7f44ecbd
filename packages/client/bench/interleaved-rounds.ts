/**
 * Times contenders in interleaved rounds: each round runs every contender `n` times back to back, the
 * order reversed every other round, so drift (GC, CPU frequency, neighbours) and position hit all
 * alike. Returns each contender's time per round in ms, in round order, after `warmUp` calls each.
 */
export async function interleavedRounds(
  contenders: Readonly<Record<string, () => Promise<unknown>>>,
  options: { readonly n: number; readonly rounds: number; readonly warmUp: number },
): Promise<Record<string, number[]>> {
  const names = Object.keys(contenders);
  for (const run of Object.values(contenders)) for (let i = 0; i < options.warmUp; i++) await run();
  const times: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < options.rounds; round++) {
    for (const name of round % 2 ? [...names].reverse() : names) {
      const run = contenders[name];
      if (run === undefined) continue;
      const start = performance.now();
      for (let i = 0; i < options.n; i++) await run();
      times[name]?.push(performance.now() - start);
    }
  }
  return times;
}
