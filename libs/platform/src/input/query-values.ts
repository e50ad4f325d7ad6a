import { Transform } from 'class-transformer';
import { buildMessage, ValidateBy } from 'class-validator';

const DECIMAL_INTEGER = /^-?\d+$/;

/**
 * A query value as a number only when it is written in plain decimal digits: `Number()` would also
 * read `0x10`, `+5`, ` 5`, `5.0` and `1e1`. Anything else stays text, for IsInt to refuse.
 */
export function decimalInteger(value: unknown): unknown {
  return typeof value === 'string' && DECIMAL_INTEGER.test(value) ? Number(value) : value;
}

/** For an integer query parameter, in place of `@Type(() => Number)`; validate it with IsInt, Min, Max. */
export const DecimalInteger = (): PropertyDecorator => Transform(({ value }) => decimalInteger(value));

/**
 * A yes/no query parameter, written `true` or `false`. Reported as `isBoolean`, whose words name
 * both values (an IsIn with its own message loses the list of allowed values).
 */
export const QueryBoolean = (): PropertyDecorator =>
  ValidateBy({
    name: 'isBoolean',
    validator: {
      validate: (value: unknown) => value === 'true' || value === 'false',
      defaultMessage: buildMessage((each) => `${each}$property must be true or false`),
    },
  });
