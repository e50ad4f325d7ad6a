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

/**
 * Characters that show nothing on their own: white space (full-width too), format characters
 * (zero-width space and joiners, direction marks, word joiner, BOM), combining marks without a base,
 * and the Hangul fillers.
 */
const INVISIBLE = /^[\s\p{Cf}\p{M}\u115F\u1160\u3164\uFFA0]*$/u;
const HAS_INVISIBLE = /[\p{Cf}\u115F\u1160\u3164\uFFA0]/u;

/** Text that is there but says nothing: spaces, tabs, line breaks, zero-width and other invisible characters. */
export function isBlankText(value: unknown): boolean {
  return typeof value === 'string' && value.length > 0 && INVISIBLE.test(value);
}

/**
 * A name, id or text must say something: `"  "` or a zero-width space is refused here, with the
 * other fields of the request, rather than recorded as a name or found by the domain one field at a
 * time. An empty string is IsNotEmpty's to refuse.
 */
export const IsNotBlank = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isNotBlank',
      validator: {
        validate: (value: unknown) => !isBlankText(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must not be only white space or invisible characters`,
        ),
      },
    },
    options,
  );

/**
 * An id as the person typing it sees it: no space at either end, no invisible character, no
 * full-width form (ＡＢ１ or a full-width hyphen) that another id differs from only in width. Ids
 * that look the same are the same: "rec-1 " or "rec-1\u200b" cannot name another recommender than
 * "rec-1" (R27) or nominate the same person twice.
 */
export function isPlainId(value: unknown): boolean {
  return (
    typeof value === 'string' &&
    value.trim() === value &&
    !HAS_INVISIBLE.test(value) &&
    value.normalize('NFKC') === value
  );
}

export const IsPlainId = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isPlainId',
      validator: {
        // Blank text is IsNotBlank's to refuse, with one message.
        validate: (value: unknown) => typeof value !== 'string' || isBlankText(value) || isPlainId(value),
        defaultMessage: buildMessage(
          (each) =>
            `${each}$property must have no space at either end, no invisible and no full-width character`,
        ),
      },
    },
    options,
  );
