import type { ArgumentMetadata } from '@nestjs/common';
import { requestValidationPipe } from '../errors/validation-exception.factory';
import { type ProblemDetails, toProblemResponse } from '../errors/problem-details';

/** For specs of query DTOs: the api's ValidationPipe on a query, as bootstrap.ts installs it. */
const pipe = requestValidationPipe();

const asQuery = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({ type: 'query', metatype });

/** The query as the route receives it after the pipe (values converted). */
export function readQuery(metatype: ArgumentMetadata['metatype'], query: object): Promise<unknown> {
  return pipe.transform(query, asQuery(metatype));
}

/** The problem details a refused query is answered with, in the given language. */
export async function queryRefusal(
  metatype: ArgumentMetadata['metatype'],
  query: object,
  lang = 'zh',
): Promise<ProblemDetails> {
  try {
    await readQuery(metatype, query);
  } catch (error) {
    return toProblemResponse(error, { headers: { 'accept-language': lang } }).problem;
  }
  throw new Error(`accepted ${JSON.stringify(query)}`);
}
