import type { Ref } from 'react';
import { fieldId, jumpToField } from './formTypes';

const LABELS: Record<string, string> = {
  command: 'Command',
  image: 'Image',
  env: 'Environment variables',
  gpuCount: 'GPUs',
  minVramGb: 'Min VRAM per GPU',
  gpuModels: 'GPU models',
  minScore: 'Min benchmark score',
  maxPrice: 'Max price per hour',
  timeLimit: 'Time limit',
  startDeadline: 'Start deadline',
};

function labelOf(field: string): string {
  if (/^env-\d+-name$/.test(field)) return 'Variable name';
  if (/^env-\d+-value$/.test(field)) return 'Variable value';
  return LABELS[field] ?? field;
}

interface ProblemSummaryProps {
  ref: Ref<HTMLDivElement>;
  fields: string[];
  problems: Record<string, string>;
}

/** What blocks submitting, each linked to its field; focused after a refused submit. */
export function ProblemSummary({ ref, fields, problems }: ProblemSummaryProps) {
  return (
    <div ref={ref} tabIndex={-1} className="alert alert--error" role="alert">
      <p className="alert__title">
        Fix {fields.length === 1 ? 'this' : `these ${fields.length}`} before submitting:
      </p>
      <ul className="plain-list">
        {fields.map((field) => (
          <li key={field}>
            <a href={`#${fieldId(field)}`} onClick={(e) => jumpToField(e, field)}>
              {labelOf(field)}
            </a>
            : {problems[field]}
          </li>
        ))}
      </ul>
    </div>
  );
}
