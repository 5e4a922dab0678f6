import { type ReactNode, useEffect, useRef } from 'react';

/** The page's h1, focused on arrival so keyboard and screen-reader users start at the top. */
export function PageHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}
