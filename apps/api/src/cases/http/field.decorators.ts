import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsNotBlank, IsPlainId } from '@app/platform';
import { isDateTime, isPlainDate } from '@app/time';

export const ID_MAX = 100;
export const NAME_MAX = 200;
export const TEXT_MAX = 10_000;
export const LIST_MAX = 500;

interface FieldOptions {
  optional?: boolean;
  description?: string;
}

/** `YYYY-MM-DD`, a real date (Asia/Shanghai). */
export const isDateOnly = (value: unknown): boolean => isPlainDate(value);

/** ISO-8601 with an offset, a real instant the store can keep. */
export const isDateTimeWithOffset = (value: unknown): boolean => isDateTime(value);

/** Undefined may be left out; null is still validated (and refused) like any other value. */
const optional = (options: FieldOptions): PropertyDecorator[] =>
  options.optional ? [ValidateIf((_object: object, value: unknown) => value !== undefined)] : [];

const api = (options: FieldOptions, extra: Record<string, unknown>): PropertyDecorator =>
  ApiProperty({ required: !options.optional, description: options.description, ...extra });

const string = (max: number, options: FieldOptions): PropertyDecorator =>
  applyDecorators(
    ...optional(options),
    IsString(),
    IsNotEmpty(),
    IsNotBlank(),
    MaxLength(max),
    api(options, { type: String, maxLength: max }),
  );

/** An identifier of a person or member (not necessarily a UUID), written plainly (isPlainId). */
export const Id = (options: FieldOptions = {}) => applyDecorators(string(ID_MAX, options), IsPlainId());
/** A name, title, org unit or other short label. */
export const Name = (options: FieldOptions = {}) => string(NAME_MAX, options);
/** Free text: grounds, findings, summaries, opinions. */
export const Text = (options: FieldOptions = {}) => string(TEXT_MAX, options);

export const Uuid = (options: FieldOptions = {}) =>
  applyDecorators(...optional(options), IsUUID(), api(options, { type: String, format: 'uuid' }));

export const OneOf = (values: readonly string[], options: FieldOptions = {}) =>
  applyDecorators(
    ...optional(options),
    IsIn(values, { message: ({ property }) => `${property} must be one of: ${values.join(', ')}` }),
    api(options, { enum: values }),
  );

export const Flag = (options: FieldOptions = {}) =>
  applyDecorators(...optional(options), IsBoolean(), api(options, { type: Boolean }));

export const Count = (min: number, max: number, options: FieldOptions = {}) =>
  applyDecorators(
    ...optional(options),
    IsInt(),
    Min(min),
    Max(max),
    api(options, { type: Number, minimum: min, maximum: max }),
  );

/** A calendar date, `YYYY-MM-DD` (Asia/Shanghai). */
export const DateOnly = (options: FieldOptions = {}) =>
  applyDecorators(
    ...optional(options),
    ValidateBy({
      name: 'isDateOnly',
      validator: {
        validate: (value: unknown) => isDateOnly(value),
        defaultMessage: (args) => `${args?.property ?? 'value'} 不是有效的日期（YYYY-MM-DD）`,
      },
    }),
    api(options, { type: String, format: 'date', example: '2025-03-14' }),
  );

/** A moment, ISO-8601 with an offset. */
export const DateTime = (options: FieldOptions = {}) =>
  applyDecorators(
    ...optional(options),
    ValidateBy({
      name: 'isDateTimeWithOffset',
      validator: {
        validate: (value: unknown) => isDateTimeWithOffset(value),
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} 不是有效的时间（ISO-8601，带时区偏移，如 2025-03-14T09:30:00+08:00）`,
      },
    }),
    api(options, { type: String, format: 'date-time', example: '2025-03-14T09:30:00+08:00' }),
  );

export const Digest = (options: FieldOptions = {}) =>
  applyDecorators(
    ...optional(options),
    IsString(),
    Matches(/^[0-9a-f]{64}$/, {
      message: ({ property }) => `${property} must be a lowercase hex SHA-256 digest`,
    }),
    api(options, { type: String, pattern: '^[0-9a-f]{64}$' }),
  );

/**
 * @nestjs/swagger takes a function for a lazy type only when the function is called `type` (as
 * `{ type: () => Dto }` written in place is); a thunk passed through a helper has no name, and the
 * document got `$ref: "#/components/schemas/"` for every nested body.
 */
const lazy = (resolve: () => new () => object) => ({ type: () => resolve() }).type;

export const Nested = (type: () => new () => object, options: FieldOptions = {}) =>
  applyDecorators(
    ...optional(options),
    IsObject(),
    ValidateNested(),
    Type(type),
    api(options, { type: lazy(type) }),
  );

interface ListOptions extends FieldOptions {
  min?: number;
  max?: number;
  unique?: boolean;
}

const listSize = (options: ListOptions): PropertyDecorator[] => [
  IsArray(),
  ArrayMinSize(options.min ?? 0),
  ArrayMaxSize(options.max ?? LIST_MAX),
  ...(options.unique ? [ArrayUnique()] : []),
];

export const NestedList = (type: () => new () => object, options: ListOptions = {}) =>
  applyDecorators(
    ...optional(options),
    ...listSize(options),
    IsObject({ each: true }),
    ValidateNested({ each: true }),
    Type(type),
    api(options, {
      type: lazy(type),
      isArray: true,
      minItems: options.min,
      maxItems: options.max ?? LIST_MAX,
    }),
  );

export const IdList = (options: ListOptions = {}) =>
  applyDecorators(
    ...optional(options),
    ...listSize(options),
    IsString({ each: true }),
    IsNotEmpty({ each: true }),
    IsNotBlank({ each: true }),
    IsPlainId({ each: true }),
    MaxLength(ID_MAX, { each: true }),
    api(options, { type: String, isArray: true, minItems: options.min, maxItems: options.max ?? LIST_MAX }),
  );

export const UuidList = (options: ListOptions = {}) =>
  applyDecorators(
    ...optional(options),
    ...listSize(options),
    IsUUID(undefined, { each: true }),
    api(options, {
      type: String,
      format: 'uuid',
      isArray: true,
      minItems: options.min,
      maxItems: options.max ?? LIST_MAX,
    }),
  );
