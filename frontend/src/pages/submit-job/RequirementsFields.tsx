import { MAX_GPUS, MAX_VRAM_GB } from '../../jobs/jobForm';
import { Field } from './Field';
import { fieldId, type FieldGroupProps } from './formTypes';

/** Which nodes may take the job: GPUs, their memory and model, the node's benchmark score. */
export function RequirementsFields({ values, problems, set }: FieldGroupProps) {
  const noGpu = values.gpuCount.trim() === '0';
  return (
    <fieldset className="form-section">
      <legend className="form-section__title">Where it may run</legend>
      <div className="form-grid">
        <Field
          id={fieldId('gpuCount')}
          label="GPUs"
          help={`0 to ${MAX_GPUS}; 0 runs the job in a CPU slot.`}
          problem={problems.gpuCount}
        >
          {(control) => (
            <input
              {...control}
              className="input input--narrow"
              inputMode="numeric"
              value={values.gpuCount}
              onChange={(e) => set('gpuCount', e.target.value)}
            />
          )}
        </Field>
        <Field
          id={fieldId('minVramGb')}
          label="Min VRAM per GPU (GiB)"
          help={
            noGpu
              ? 'Only with at least 1 GPU.'
              : `Optional, 0 to ${MAX_VRAM_GB}: what the host lets jobs use of each GPU.`
          }
          problem={problems.minVramGb}
        >
          {(control) => (
            <input
              {...control}
              className="input input--narrow"
              inputMode="numeric"
              value={values.minVramGb}
              onChange={(e) => set('minVramGb', e.target.value)}
            />
          )}
        </Field>
      </div>
      <Field
        id={fieldId('gpuModels')}
        label="GPU models (optional)"
        help="Comma-separated; a GPU matches when its name contains one of them, e.g. RTX 4090, A100."
        problem={problems.gpuModels}
      >
        {(control) => (
          <input
            {...control}
            className="input input--wide"
            value={values.gpuModels}
            onChange={(e) => set('gpuModels', e.target.value)}
            placeholder="RTX 4090, A100"
            autoComplete="off"
          />
        )}
      </Field>
      <Field
        id={fieldId('minScore')}
        label="Min benchmark score (optional)"
        help="Nodes below it are skipped; empty or 0 also admits nodes not benchmarked yet."
        problem={problems.minScore}
      >
        {(control) => (
          <input
            {...control}
            className="input input--narrow"
            inputMode="numeric"
            value={values.minScore}
            onChange={(e) => set('minScore', e.target.value)}
          />
        )}
      </Field>
    </fieldset>
  );
}
