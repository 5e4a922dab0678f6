import { type FormEvent, useState } from 'react';
import { Alert } from '../../primitives/Alert';
import { Button } from '../../primitives/Button';
import { TextArea } from '../../primitives/Field';
import { useAnswerQuestionMutation } from '../../queries/useAnswerQuestionMutation';

export function AnswerForm({ token }: { token: string }) {
  const [answer, setAnswer] = useState('');
  const [error, setError] = useState<string | null>(null);
  const mutation = useAnswerQuestionMutation(token);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!answer.trim()) {
      setError('Write your answer before sending.');
      return;
    }
    setError(null);
    mutation.mutate({ answer: answer.trim() }, { onSuccess: () => setAnswer('') });
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <TextArea
        label="Your answer"
        name="answer"
        required
        rows={4}
        value={answer}
        onChange={(e) => setAnswer(e.target.value)}
        error={error}
        maxLength={5000}
      />
      {mutation.error ? <Alert tone="error">{mutation.error.message}</Alert> : null}
      <Button type="submit" busy={mutation.isPending}>
        Send answer
      </Button>
    </form>
  );
}
