import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsString,
  Min,
  ValidateNested,
} from 'class-validator';
import { RequestValidationError } from './platform.errors';
import { requestValidationPipe, validationExceptionFactory } from './validation-exception.factory';

class PostDto {
  @IsString()
  @IsNotEmpty()
  title!: string;

  @IsString()
  orgUnit!: string;
}

class BallotDto {
  @IsString()
  memberId!: string;

  @IsIn(['agree', 'disagree', 'defer'])
  vote!: string;
}

class VoteDto {
  @IsString()
  candidateId!: string;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => BallotDto)
  ballots!: BallotDto[];
}

class MeetingDto {
  @IsDefined()
  @ValidateNested()
  @Type(() => PostDto)
  post!: PostDto;

  @IsInt()
  @Min(1)
  entitled!: number;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => VoteDto)
  votes!: VoteDto[];
}

const pipe = requestValidationPipe();

async function fieldsOf(body: unknown): Promise<RequestValidationError['errors']> {
  try {
    await pipe.transform(body, { type: 'body', metatype: MeetingDto });
  } catch (err) {
    if (err instanceof RequestValidationError) return err.errors;
    throw err;
  }
  throw new Error('expected the body to be refused');
}

describe('validationExceptionFactory', () => {
  const valid = {
    post: { title: '副局长', orgUnit: '市发改委' },
    entitled: 9,
    votes: [{ candidateId: 'c1', ballots: [{ memberId: 'm1', vote: 'agree' }] }],
  };

  it('lets a valid body through', async () => {
    await expect(pipe.transform(valid, { type: 'body', metatype: MeetingDto })).resolves.toBeInstanceOf(
      MeetingDto,
    );
  });

  it('names nested fields with dots and array indexes', async () => {
    const body = {
      ...valid,
      post: { title: '', orgUnit: '市发改委' },
      votes: [
        {
          candidateId: 'c1',
          ballots: [
            { memberId: 'm1', vote: 'agree' },
            { memberId: 'm2', vote: 'maybe' },
          ],
        },
      ],
    };
    expect(await fieldsOf(body)).toEqual([
      {
        field: 'post.title',
        scope: 'PostDto',
        root: 'MeetingDto',
        messages: ['title should not be empty'],
        problems: [{ reason: 'isNotEmpty' }],
      },
      {
        field: 'votes[0].ballots[1].vote',
        scope: 'BallotDto',
        root: 'MeetingDto',
        messages: ['vote must be one of the following values: agree, disagree, defer'],
        problems: [{ reason: 'isIn', params: { allowed: ['agree', 'disagree', 'defer'] } }],
      },
    ]);
  });

  it('reports unknown fields at any depth', async () => {
    const fields = await fieldsOf({ ...valid, secret: 1, post: { ...valid.post, colour: 'red' } });
    expect(fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'secret', messages: ['property secret should not exist'] }),
        expect.objectContaining({ field: 'post.colour', problems: [{ reason: 'whitelistValidation' }] }),
      ]),
    );
    expect(fields).toHaveLength(2);
  });

  it('reports every bad field, a value of the wrong type by its type alone', async () => {
    const fields = await fieldsOf({ entitled: 'nine', votes: [] });
    expect(fields.map((f) => f.field)).toEqual(['post', 'entitled', 'votes']);
    // not also 'must not be less than 1', which says nothing true of 'nine'
    expect(fields.find((f) => f.field === 'entitled')?.messages).toEqual([
      'entitled must be an integer number',
    ]);
    expect(fields.find((f) => f.field === 'entitled')?.problems).toEqual([{ reason: 'isInt' }]);
    const small = await fieldsOf({ ...valid, entitled: 0 });
    expect(small.find((f) => f.field === 'entitled')?.problems).toEqual([
      { reason: 'min', params: { min: 1 } },
    ]);
  });

  it('tells a missing field only that it is required', async () => {
    const fields = await fieldsOf({ ...valid, post: { orgUnit: '市发改委' } });
    expect(fields).toEqual([
      expect.objectContaining({ field: 'post.title', problems: [{ reason: 'isNotEmpty' }] }),
    ]);
  });

  it('is a validation error with code HTTP.INVALID_REQUEST', () => {
    const err = validationExceptionFactory([]);
    expect(err).toMatchObject({ category: 'validation', code: 'HTTP.INVALID_REQUEST', errors: [] });
  });
});
