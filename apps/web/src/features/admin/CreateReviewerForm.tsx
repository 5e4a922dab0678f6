import { type FormEvent, useState } from 'react';
import type { ReviewerRole } from '../../api/types';
import { Alert } from '../../primitives/Alert';
import { Button } from '../../primitives/Button';
import { SelectField, TextField } from '../../primitives/Field';
import { Section } from '../../primitives/Section';
import { useCreateReviewerMutation } from '../../queries/useCreateReviewerMutation';

const EMPTY = { email: '', name: '', password: '', role: 'reviewer' as ReviewerRole };

export function CreateReviewerForm() {
  const [form, setForm] = useState(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<keyof typeof EMPTY, string>>>({});
  const [created, setCreated] = useState<string | null>(null);
  const mutation = useCreateReviewerMutation();

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const next: typeof errors = {};
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(form.email)) next.email = 'Enter a valid email address.';
    if (!form.name.trim()) next.name = 'Enter a name.';
    if (form.password.length < 12) next.password = 'Use at least 12 characters.';
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    mutation.mutate(
      { ...form, name: form.name.trim() },
      {
        onSuccess: (r) => {
          setCreated(`${r.name} (${r.email}) can now sign in as ${r.role}.`);
          setForm(EMPTY);
        },
      },
    );
  }

  return (
    <Section title="Add a reviewer">
      <form onSubmit={onSubmit} noValidate>
        <TextField
          label="Email"
          type="email"
          name="email"
          autoComplete="off"
          required
          value={form.email}
          onChange={(e) => setForm({ ...form, email: e.target.value })}
          error={errors.email}
        />
        <TextField
          label="Name"
          name="name"
          required
          value={form.name}
          onChange={(e) => setForm({ ...form, name: e.target.value })}
          error={errors.name}
        />
        <TextField
          label="Initial password"
          type="password"
          name="password"
          autoComplete="new-password"
          required
          value={form.password}
          onChange={(e) => setForm({ ...form, password: e.target.value })}
          error={errors.password}
          hint="At least 12 characters. Share it with the reviewer in person."
        />
        <SelectField
          label="Role"
          name="role"
          value={form.role}
          onChange={(e) => setForm({ ...form, role: e.target.value as ReviewerRole })}
        >
          <option value="reviewer">Reviewer</option>
          <option value="lead">Lead (decides escalated cases, sees the dashboard)</option>
          <option value="admin">Admin (also manages reviewers)</option>
        </SelectField>
        {mutation.error ? <Alert tone="error">{mutation.error.message}</Alert> : null}
        {created ? <Alert tone="success">{created}</Alert> : null}
        <Button type="submit" busy={mutation.isPending}>
          Create reviewer
        </Button>
      </form>
    </Section>
  );
}
