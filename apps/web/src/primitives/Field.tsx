import {
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useId,
} from 'react';

interface FieldFrame {
  label: string;
  hint?: ReactNode;
  error?: string | null;
}

/** What every control receives from its frame: its id and the accessibility attributes. */
interface ControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

// Every control gets a visible <label>, its hint and error tied with aria-describedby, and
// aria-invalid when the error shows: screen readers announce all three. The frame does this once
// for the three kinds of control below.
function Frame({
  label,
  hint,
  error,
  givenId,
  required,
  control,
}: FieldFrame & {
  givenId: string | undefined;
  required: boolean | undefined;
  control: (props: ControlProps) => ReactNode;
}) {
  const generated = useId();
  const id = givenId ?? generated;
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required ? <span className="required"> (required)</span> : null}
      </label>
      {control({
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': described.length ? described.join(' ') : undefined,
      })}
      {hint ? (
        <div id={`${id}-hint`} className="field-hint">
          {hint}
        </div>
      ) : null}
      {error ? (
        <div id={`${id}-error`} className="field-error">
          {error}
        </div>
      ) : null}
    </div>
  );
}

export function TextField({
  label,
  hint,
  error,
  id,
  ...rest
}: FieldFrame & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Frame
      label={label}
      hint={hint}
      error={error}
      givenId={id}
      required={rest.required}
      control={(props) => <input {...props} {...rest} />}
    />
  );
}

export function TextArea({
  label,
  hint,
  error,
  id,
  ...rest
}: FieldFrame & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Frame
      label={label}
      hint={hint}
      error={error}
      givenId={id}
      required={rest.required}
      control={(props) => <textarea rows={6} {...props} {...rest} />}
    />
  );
}

export function SelectField({
  label,
  hint,
  error,
  id,
  children,
  ...rest
}: FieldFrame & SelectHTMLAttributes<HTMLSelectElement>) {
  // A select shows no "(required)" mark: it always holds a value.
  return (
    <Frame
      label={label}
      hint={hint}
      error={error}
      givenId={id}
      required={undefined}
      control={(props) => (
        <select {...props} {...rest}>
          {children}
        </select>
      )}
    />
  );
}
