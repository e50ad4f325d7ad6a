import type { Vote } from '@app/appointment/appointment.commands';
import { Count, DateTime, Id, IdList, NestedList, OneOf, Uuid } from '../../http/field.decorators';

export class BallotDto {
  @Id() memberId!: string;
  @OneOf(['agree', 'disagree', 'defer']) vote!: Vote;
}

export class CandidateVotesDto {
  @Uuid() candidateId!: string;
  @NestedList(() => BallotDto, { min: 1, max: 1000 }) ballots!: BallotDto[];
}

export class HoldDecisionMeetingDto {
  @DateTime() heldAt!: string;
  @Count(1, 1000, { description: 'R18/R19: members entitled to attend (应到会成员)' }) entitled!: number;
  @IdList({ min: 1, max: 1000, unique: true }) attendees!: string[];
  @IdList({ optional: true, max: 1000, unique: true }) recused?: string[];
  @Id() principalLeaderId!: string;
  @NestedList(() => CandidateVotesDto, { min: 1, max: 100 }) votes!: CandidateVotesDto[];
}
