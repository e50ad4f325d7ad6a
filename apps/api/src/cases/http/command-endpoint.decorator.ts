import { applyDecorators, UseInterceptors } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
} from '@nestjs/swagger';
import { CommandResponseInterceptor } from './command-response.interceptor';

class RecordedEventRefDto {
  @ApiProperty() type!: string;
  @ApiProperty({ description: 'revision in the case stream' }) revision!: string;
}

export class CommandResponseDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ description: 'revision of the case after the command; also in ETag' }) revision!: string;
  @ApiProperty({ type: [RecordedEventRefDto] }) events!: RecordedEventRefDto[];
  @ApiPropertyOptional({ format: 'uuid' }) candidateId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) objectionId?: string;
  @ApiPropertyOptional({ description: 'lowercase hex SHA-256 of the opinion text' }) digest?: string;
}

/** Swagger description shared by every write, and the interceptor that answers 201 / 200-on-replay with an ETag. */
export const CommandEndpoint = (summary: string) =>
  applyDecorators(
    UseInterceptors(CommandResponseInterceptor),
    ApiBearerAuth(),
    ApiOperation({ summary }),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'UUID; a retry with the same body is answered 200 and appends nothing',
    }),
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'expected case revision, e.g. "3"; 412 if the case moved on',
    }),
    ApiHeader({ name: 'X-Correlation-Id', required: false }),
    ApiCreatedResponse({ type: CommandResponseDto }),
    ApiOkResponse({ type: CommandResponseDto, description: 'idempotent replay: the first answer' }),
    ApiResponse({ status: 400, description: 'invalid input (problem details listing every bad field)' }),
    ApiResponse({ status: 403, description: 'role or org unit not allowed' }),
    ApiResponse({ status: 404, description: 'no such case, candidate or objection' }),
    ApiResponse({ status: 409, description: 'a workflow rule refuses the command' }),
    ApiResponse({ status: 412, description: 'If-Match does not match the case revision' }),
    ApiResponse({ status: 422, description: 'Idempotency-Key reused with another request' }),
  );
