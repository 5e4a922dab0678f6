/** A one-line progress bar on a TTY (redrawn at most 10 times a second); plain lines otherwise. */
export function createProgressBar(
  stream: NodeJS.WriteStream,
  label: string,
): (done: number, total: number) => void {
  let last = 0;
  let lastPercent = -1;
  return (done, total) => {
    const now = Date.now();
    const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
    if (done < total && now - last < 100) return;
    last = now;
    if (stream.isTTY) {
      const width = 30;
      const filled = Math.round((percent / 100) * width);
      stream.write(
        `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent}% ${done}/${total}`,
      );
      if (done >= total) stream.write('\n');
    } else if (percent >= lastPercent + 10 || done >= total) {
      lastPercent = percent;
      stream.write(`${label} ${percent}% (${done}/${total})\n`);
    }
  };
}
