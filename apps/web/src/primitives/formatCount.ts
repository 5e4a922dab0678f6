const number = new Intl.NumberFormat('en-GB');

/** "1 case", "2 cases", "10,000 decisions": the count with its noun agreeing. */
export function formatCount(n: number, singular: string, plural = `${singular}s`): string {
  return `${number.format(n)} ${n === 1 ? singular : plural}`;
}
