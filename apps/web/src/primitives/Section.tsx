import { type ReactNode, useId } from 'react';

/** A titled card; the heading labels the region for assistive technology. */
export function Section({
  title,
  level = 2,
  children,
  className,
  actions,
}: {
  title: string;
  level?: 2 | 3;
  children: ReactNode;
  className?: string;
  actions?: ReactNode;
}) {
  const id = useId();
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section className={['card', className].filter(Boolean).join(' ')} aria-labelledby={id}>
      <div className="card-head">
        <Heading id={id}>{title}</Heading>
        {actions}
      </div>
      {children}
    </section>
  );
}
