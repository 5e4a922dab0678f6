import type { PlattCalibration } from '@gavel/model';

/**
 * Platt scaling (Platt 1999, with Lin et al. 2007's Newton method): fits p = sigmoid(a*z + b) on
 * held-out logits z, with smoothed targets so a separable held-out set cannot push a to infinity.
 */
export function fitPlatt(logits: ArrayLike<number>, labels: ArrayLike<number>): PlattCalibration {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i];
  const negatives = labels.length - positives;
  const hi = (positives + 1) / (positives + 2);
  const lo = 1 / (negatives + 2);
  let a = 1;
  let b = Math.log((positives + 1) / (negatives + 1));
  const objective = (aa: number, bb: number) => {
    let f = 0;
    for (let i = 0; i < logits.length; i++) {
      const t = labels[i] === 1 ? hi : lo;
      const fApB = aa * logits[i] + bb;
      // -[t log p + (1-t) log(1-p)] with p = sigmoid(x), computed without overflow
      f += fApB >= 0 ? Math.log1p(Math.exp(-fApB)) + (1 - t) * fApB : Math.log1p(Math.exp(fApB)) - t * fApB;
    }
    return f;
  };
  let f = objective(a, b);
  for (let iter = 0; iter < 100; iter++) {
    let h11 = 1e-12;
    let h22 = 1e-12;
    let h21 = 0;
    let g1 = 0;
    let g2 = 0;
    for (let i = 0; i < logits.length; i++) {
      const t = labels[i] === 1 ? hi : lo;
      const p = 1 / (1 + Math.exp(-(a * logits[i] + b)));
      const d2 = p * (1 - p);
      h11 += logits[i] * logits[i] * d2;
      h22 += d2;
      h21 += logits[i] * d2;
      const d1 = p - t;
      g1 += logits[i] * d1;
      g2 += d1;
    }
    if (Math.abs(g1) < 1e-9 && Math.abs(g2) < 1e-9) break;
    const det = h11 * h22 - h21 * h21;
    const da = -(h22 * g1 - h21 * g2) / det;
    const db = -(-h21 * g1 + h11 * g2) / det;
    let step = 1;
    while (step >= 1e-10) {
      const fNew = objective(a + step * da, b + step * db);
      if (fNew < f + 1e-4 * step * (g1 * da + g2 * db)) {
        a += step * da;
        b += step * db;
        f = fNew;
        break;
      }
      step /= 2;
    }
    if (step < 1e-10) break;
  }
  return { a: Math.fround(a), b: Math.fround(b) };
}
