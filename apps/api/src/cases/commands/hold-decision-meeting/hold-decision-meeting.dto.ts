import type { Vote } from '@app/appointment/appointment.commands';
import {
  Count,
  DateTime,
  Flag,
  Id,
  IdList,
  Name,
  NestedList,
  OneOf,
  Uuid,
} from '../../http/field.decorators';

export class BallotDto {
  @Id() memberId!: string;
  @OneOf(['agree', 'disagree', 'defer']) vote!: Vote;
}

export class MeetingMemberDto {
  @Id() id!: string;
  @Name() name!: string;
}

export class CandidateVotesDto {
  @Uuid() candidateId!: string;
  @Flag({ optional: true, description: 'R19: the meeting resolved to defer (缓议) this candidate' })
  deferred?: boolean;
  @NestedList(() => BallotDto, { min: 1, max: 1000 }) ballots!: BallotDto[];
}

export class HoldDecisionMeetingDto {
  @DateTime() heldAt!: string;
  @Count(1, 1000, { description: 'R18/R19: members entitled to attend (应到会成员)' }) entitled!: number;
  @NestedList(() => MeetingMemberDto, {
    optional: true,
    max: 1000,
    description: 'R17: the members entitled to attend, by name',
  })
  members?: MeetingMemberDto[];
  @IdList({ min: 1, max: 1000, unique: true }) attendees!: string[];
  @IdList({ optional: true, max: 1000, unique: true }) recused?: string[];
  @Id() principalLeaderId!: string;
  @NestedList(() => CandidateVotesDto, { min: 1, max: 100 }) votes!: CandidateVotesDto[];
}
