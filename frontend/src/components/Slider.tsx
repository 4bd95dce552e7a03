interface SliderProps {
  id: string;
  label: string;
  min: number;
  max: number;
  value: number;
  onChange: (value: number) => void;
  /** The value as people read it, e.g. "8 of 32 cores"; also what screen readers announce. */
  display: string;
  disabled?: boolean;
}

/** A labelled native range input (arrow keys, Page Up/Down, Home/End) with its value shown. */
export function Slider({ id, label, min, max, value, onChange, display, disabled }: SliderProps) {
  return (
    <div className="field">
      <div className="field__row">
        <label htmlFor={id}>{label}</label>
        {/* Not an <output>: that is a live region, and the slider already says its value. */}
        <span className="field__value" aria-hidden="true">
          {display}
        </span>
      </div>
      <input
        id={id}
        type="range"
        className="range"
        min={min}
        max={max}
        step={1}
        value={value}
        onChange={(e) => onChange(Number(e.target.value))}
        aria-valuetext={display}
        disabled={disabled}
      />
    </div>
  );
}
