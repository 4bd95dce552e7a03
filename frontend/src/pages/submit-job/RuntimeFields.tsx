import type { JobRuntimeType } from '../../api';
import { MAX_COMMAND_CHARS } from '../../jobs/jobForm';
import { EnvEditor } from './EnvEditor';
import { Field } from './Field';
import { fieldId, type FieldGroupProps } from './formTypes';

const TYPES: { type: JobRuntimeType; label: string; help: string }[] = [
  { type: 'process', label: 'Process', help: 'A command run with sh -c on the host.' },
  { type: 'container', label: 'Container', help: 'An image run under Docker or Podman.' },
];

/** What to run: a process, or a container image; its command and environment. */
export function RuntimeFields({ values, problems, set }: FieldGroupProps) {
  const container = values.type === 'container';
  const current = TYPES.find((t) => t.type === values.type)!;
  return (
    <fieldset className="form-section">
      <legend className="form-section__title">What to run</legend>
      <div className="field">
        <span className="field__label" id="job-type-label">
          Runtime
        </span>
        <div className="segmented" role="radiogroup" aria-labelledby="job-type-label">
          {TYPES.map((t) => (
            <label key={t.type} className="segmented__option">
              <input
                type="radio"
                name="job-type"
                value={t.type}
                checked={values.type === t.type}
                onChange={() => set('type', t.type)}
              />
              <span>{t.label}</span>
            </label>
          ))}
        </div>
        <p className="field__help muted">{current.help}</p>
      </div>

      {container && (
        <Field
          id={fieldId('image')}
          label="Image"
          help="For example pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime or ghcr.io/org/img@sha256:…"
          problem={problems.image}
        >
          {(control) => (
            <input
              {...control}
              className="input input--wide mono"
              value={values.image}
              onChange={(e) => set('image', e.target.value)}
              autoComplete="off"
              spellCheck={false}
              maxLength={255}
            />
          )}
        </Field>
      )}

      <Field
        id={fieldId('command')}
        label={container ? 'Command (optional)' : 'Command'}
        help={
          container
            ? 'Runs as sh -c inside the container; leave empty to use the image’s own command.'
            : 'Runs through sh -c in a fresh working directory on the node.'
        }
        problem={problems.command}
      >
        {(control) => (
          <textarea
            {...control}
            className="input input--wide textarea mono"
            rows={3}
            value={values.command}
            onChange={(e) => set('command', e.target.value)}
            placeholder="python3 train.py --epochs 3"
            spellCheck={false}
            maxLength={MAX_COMMAND_CHARS}
          />
        )}
      </Field>

      {container && (
        <div className="field">
          <label className="check">
            <input
              id={fieldId('network')}
              type="checkbox"
              checked={values.network}
              onChange={(e) => set('network', e.target.checked)}
              aria-describedby="job-network-help"
            />
            Give the container network access
          </label>
          <p id="job-network-help" className="field__help muted">
            Only where the host allows it; without it the container has no network.
          </p>
          {problems.network && <p className="field-error">{problems.network}</p>}
        </div>
      )}

      <EnvEditor values={values} problems={problems} set={set} />
    </fieldset>
  );
}
