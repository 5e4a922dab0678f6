import { useLayoutEffect } from 'react';

/**
 * Leaves a User Timing mark (`performance.mark(name)`) once the content bound to `data` has been
 * committed and the browser has painted the frame holding it: the layout effect runs after the DOM
 * commit, the animation frame before that frame's paint, and the zero-delay timeout after it. The
 * browser suite reads it against the resource timing of the request that brought the data, which
 * measures render time in the page itself rather than a navigation seen from outside.
 */
export function usePaintedMark(name: string, data: unknown): void {
  useLayoutEffect(() => {
    if (!data || typeof performance === 'undefined' || typeof requestAnimationFrame === 'undefined') {
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => performance.mark(name));
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [name, data]);
}
