import { useCallback, useRef, useState, type FormEvent } from 'react';
import { useToken } from '../../chain';
import { Alert } from '../../components/Alert';
import { TokenStatus } from '../../components/TokenStatus';
import { useNow } from '../../hooks';
import {
  INITIAL_VALUES,
  validateJobForm,
  type JobFormValues,
  type Problems,
} from '../../jobs/jobForm';
import { useNotify } from '../../notifications';
import { useRouter } from '../../router';
import { CostEstimate } from './CostEstimate';
import { fieldId, jumpToField } from './formTypes';
import { PriceTimeFields } from './PriceTimeFields';
import { ProblemSummary } from './ProblemSummary';
import { RequirementsFields } from './RequirementsFields';
import { RuntimeFields } from './RuntimeFields';
import { useSubmitJob } from './useSubmitJob';

/** Form keys whose edits make a server problem about a field out of date. */
const FIELD_OF_KEY: Partial<Record<keyof JobFormValues, string>> = {
  hours: 'timeLimit',
  minutes: 'timeLimit',
  seconds: 'timeLimit',
};

interface JobFormProps {
  initial?: JobFormValues;
  /** The node the job must run on (from an offer), or null for any node that qualifies. */
  targetNodeId?: string | null;
}

export function JobForm({ initial = INITIAL_VALUES, targetNodeId = null }: JobFormProps) {
  const token = useToken();
  const notify = useNotify();
  const { navigate } = useRouter();
  const now = useNow(10_000);
  const [values, setValues] = useState<JobFormValues>(initial);
  const [showProblems, setShowProblems] = useState(false);
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const summaryRef = useRef<HTMLDivElement>(null);
  const { submit, submitting, failure } = useSubmitJob();

  const set = useCallback(<K extends keyof JobFormValues>(key: K, value: JobFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    const field = FIELD_OF_KEY[key] ?? key;
    setEdited((e) => (e.has(field) ? e : new Set(e).add(field)));
  }, []);

  const client = validateJobForm(values, token.decimals, now);
  const serverProblems = failure?.kind === 'validation' ? failure.problems : [];
  const problems: Problems = showProblems ? { ...client.problems } : {};
  for (const p of serverProblems) {
    if (p.field && !edited.has(p.field) && !problems[p.field]) problems[p.field] = p.text;
  }

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (submitting || !token.known) return;
    setShowProblems(true);
    const { request } = validateJobForm(values, token.decimals, Date.now());
    if (!request) {
      // Let the summary render, then take the person there.
      window.setTimeout(() => summaryRef.current?.focus(), 0);
      return;
    }
    setEdited(new Set());
    const job = await submit(targetNodeId ? { ...request, nodeId: targetNodeId } : request);
    if (!job) return;
    notify({
      kind: 'success',
      key: 'job-submitted',
      title: 'Job submitted',
      message: 'It is queued. This page follows it until it ends.',
    });
    navigate(`/jobs/${encodeURIComponent(job.id)}`);
  };

  const blocking = showProblems ? Object.keys(client.problems) : [];
  return (
    <form className="job-form" onSubmit={onSubmit} noValidate aria-label="New job">
      <div className="job-form__fields">
        <RuntimeFields values={values} problems={problems} set={set} />
        <RequirementsFields values={values} problems={problems} set={set} />
        <PriceTimeFields values={values} problems={problems} set={set} />
      </div>
      <aside className="job-form__aside">
        <div className="panel job-form__summary">
          <CostEstimate values={values} />
          <TokenStatus />
          {blocking.length > 0 && (
            <ProblemSummary ref={summaryRef} fields={blocking} problems={client.problems} />
          )}
          {failure?.kind === 'validation' && (
            <Alert title="The server refused the job">
              <ul className="plain-list">
                {failure.problems.map((p) => (
                  <li key={p.text}>
                    {p.field ? (
                      <a href={`#${fieldId(p.field)}`} onClick={(e) => jumpToField(e, p.field!)}>
                        {p.text}
                      </a>
                    ) : (
                      p.text
                    )}
                  </li>
                ))}
              </ul>
              <p>Correct the fields and submit again.</p>
            </Alert>
          )}
          {failure?.kind === 'error' && (
            <Alert title="The job was not submitted">
              <p>{failure.message}</p>
              {failure.retrySafe && (
                <p>
                  If it did reach the server, submitting again is safe: the same request never makes
                  a second job.
                </p>
              )}
            </Alert>
          )}
          <button
            type="submit"
            className="button button--primary job-form__submit"
            disabled={submitting || !token.known}
            aria-busy={submitting}
          >
            {submitting ? 'Submitting…' : failure?.kind === 'error' ? 'Try again' : 'Submit job'}
          </button>
        </div>
      </aside>
    </form>
  );
}
