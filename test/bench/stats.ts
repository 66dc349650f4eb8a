/** Small statistics helpers for the benchmarks. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export const median = (values: number[]): number => percentile(values, 50);

export const ms = (n: number | null): string => (n === null || Number.isNaN(n) ? 'n/a' : `${n.toFixed(n < 10 ? 2 : 1)} ms`);
export const ratio = (n: number | null): string => (n === null || Number.isNaN(n) ? 'n/a' : `${n.toFixed(1)}×`);
