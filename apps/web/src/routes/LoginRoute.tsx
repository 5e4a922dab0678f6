import { type FormEvent, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../api/client';
import { Alert } from '../primitives/Alert';
import { Button } from '../primitives/Button';
import { TextField } from '../primitives/Field';
import { Loading } from '../primitives/Loading';
import { PageHeading } from '../primitives/PageHeading';
import { useDocumentTitle } from '../primitives/useDocumentTitle';
import { useLoginMutation } from '../queries/useLoginMutation';
import { useSessionQuery } from '../queries/useSessionQuery';
import { returnPathFrom } from './returnPath';

export function LoginRoute() {
  const session = useSessionQuery();
  const login = useLoginMutation();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [params] = useSearchParams();
  const returnTo = returnPathFrom(params.get('next'));
  useDocumentTitle('Sign in');

  if (session.isPending) return <Loading />;
  if (session.data) return <Navigate to={returnTo} replace />;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    login.mutate(
      { email: email.trim(), password },
      { onSuccess: () => navigate(returnTo, { replace: true }) },
    );
  }

  return (
    <main id="main" className="login">
      <PageHeading>Sign in to review</PageHeading>
      <form onSubmit={onSubmit}>
        <TextField
          label="Email"
          type="email"
          name="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <TextField
          label="Password"
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {login.error ? (
          <Alert tone="error">
            {isApiError(login.error, 401)
              ? 'Email or password is wrong.'
              : isApiError(login.error, 429)
                ? 'Too many attempts. Wait a few minutes before trying again.'
                : login.error.message}
          </Alert>
        ) : null}
        <Button type="submit" busy={login.isPending}>
          Sign in
        </Button>
      </form>
    </main>
  );
}
