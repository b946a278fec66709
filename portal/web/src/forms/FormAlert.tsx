import type { FormController, FormValues } from './useForm';

/**
 * The one alert of a form: the server's sentence, or every problem found (each also shown under
 * its field, linked with aria-describedby, where focus goes).
 */
export function FormAlert<V extends FormValues>({ form }: { form: FormController<V> }) {
  const failure = form.failure;
  if (!failure) return null;
  const { messages } = failure;
  const summary = messages.length === 0 ? failure.message : messages.length === 1 ? messages[0] : 'Vérifiez les informations saisies :';
  return (
    <div role="alert" className="alert alert--error">
      <p>{summary}</p>
      {messages.length > 1 && (
        <ul>
          {messages.map((message, i) => (
            <li key={i}>{message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Live region present from the start, so that screen readers announce the notice when it appears. */
