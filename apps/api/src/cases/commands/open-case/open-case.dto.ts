import { Count, Name, Nested, Text } from '../../http/field.decorators';

export class PostDto {
  @Name() title!: string;
  @Name({ description: 'org unit where the post is' }) orgUnit!: string;
  @Name() level!: string;
}

export class OpenCaseDto {
  @Nested(() => PostDto) post!: PostDto;
  @Count(1, 100, { optional: true, description: 'posts to fill; default 1' }) seats?: number;
  @Text({ description: '动议依据' }) grounds!: string;
}
