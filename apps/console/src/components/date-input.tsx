import { Input } from 'antd';
import type { Rule } from 'antd/es/form';
import type { Dayjs } from 'dayjs';
import { parseTypedDate, typedDateText } from '../time';

/**
 * A date or date-and-time typed as text. What the person typed stays in the box: a form it can read
 * is tidied to YYYY-MM-DD (HH:mm) on leaving the box, anything else stays as typed and the form's
 * rule (dateRules) says under the field why it was not accepted. Nothing is filled in for them.
 */
export function DateInput({
  withTime,
  value,
  onChange,
  ...rest
}: {
  withTime: boolean;
  value?: string;
  onChange?: (value: string) => void;
} & Record<string, unknown>) {
  return (
    <Input
      {...rest}
      value={value ?? ''}
      inputMode="numeric"
      autoComplete="off"
      placeholder={withTime ? '如 2024-03-15 10:00' : '如 1978-05-06'}
      onChange={(e) => onChange?.(e.target.value)}
      onBlur={() => {
        if (!value) return;
        const parsed = parseTypedDate(value, withTime);
        if (parsed.ok) {
          const tidy = typedDateText(parsed.value, withTime);
          if (tidy !== value) onChange?.(tidy);
        }
      }}
    />
  );
}

/** Required or not, the typed text must be a date (and time); `check` may refuse a real but wrong one. */
export function dateRules(
  label: string,
  {
    required,
    withTime,
    check,
  }: { required?: boolean; withTime: boolean; check?: (d: Dayjs) => string | null },
): Rule[] {
  return [
    {
      validator: async (_: unknown, value: unknown) => {
        const text = typeof value === 'string' ? value.trim() : '';
        if (text === '') {
          if (required) throw new Error(`请填写${label}`);
          return;
        }
        const parsed = parseTypedDate(text, withTime);
        if (!parsed.ok) throw new Error(parsed.message);
        const problem = check?.(parsed.value);
        if (problem) throw new Error(problem);
      },
    },
  ];
}
