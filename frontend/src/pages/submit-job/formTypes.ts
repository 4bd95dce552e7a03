import type { JobFormValues, Problems } from '../../jobs/jobForm';

/** The DOM id of a form field, also the target of the problem summary's links. */
export const fieldId = (field: string) => `job-${field}`;

/** What each group of fields gets from the form. */
export interface FieldGroupProps {
  values: JobFormValues;
  /** The problems to show now, by field. */
  problems: Problems;
  set: <K extends keyof JobFormValues>(key: K, value: JobFormValues[K]) => void;
}

/** Moves focus to a field (a link's click), instead of the browser's jump to the #hash. */
export function jumpToField(event: { preventDefault(): void }, field: string): void {
  const target = document.getElementById(fieldId(field));
  if (!target) return;
  event.preventDefault();
  target.focus();
  target.scrollIntoView?.({ block: 'center' });
}
