import { buildMessage, ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * The text the service accepts, decided once for bodies, query parameters, paths and token claims:
 * well-formed Unicode without control characters other than tab, line feed and carriage return.
 * PostgreSQL cannot store NUL in text or jsonb, and a lone surrogate has no UTF-8 form at all.
 */
const REFUSED_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const REFUSED_TEXT_MESSAGE = '含有不允许的字符（NUL 等控制字符或孤立的代理项）';

export function isAcceptedText(value: string): boolean {
  return !REFUSED_CHARACTER.test(value) && !LONE_SURROGATE.test(value);
}

/** A field or key name safe to echo in an error: refused characters written as \uXXXX. */
export function printable(value: string): string {
  return Array.from(value, (ch) => {
    const code = ch.codePointAt(0) ?? 0;
    return isAcceptedText(ch) ? ch : `\\u${code.toString(16).padStart(4, '0')}`;
  }).join('');
}

/** Text that is there but says nothing: spaces, tabs, line breaks, full-width spaces. */
export function isBlankText(value: unknown): boolean {
  return typeof value === 'string' && value.length > 0 && value.trim().length === 0;
}

/**
 * A name, id or text must say something: `"  "` is refused here, with the other fields of the
 * request, rather than recorded as a name or found by the domain one field at a time. An empty
 * string is IsNotEmpty's to refuse.
 */
export const IsNotBlank = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isNotBlank',
      validator: {
        validate: (value: unknown) => !isBlankText(value),
        defaultMessage: buildMessage((each) => `${each}$property must not be only white space`),
      },
    },
    options,
  );
