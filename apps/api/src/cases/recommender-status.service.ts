import { Inject, Injectable } from '@nestjs/common';
import {
  recommenderDecider,
  type RecommenderState,
  recommenderStreamId,
} from '@app/appointment/recommender.decider';
import { aggregateStream, EVENT_STORE, type EventStore } from '@app/event-store';

/** R27: a recommender's standing, folded from their own stream in the event store. */
@Injectable()
export class RecommenderStatusService {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async state(recommenderId: string): Promise<RecommenderState> {
    return (await aggregateStream(this.store, recommenderStreamId(recommenderId), recommenderDecider)).state;
  }

  /** The end of the recommender's latest suspension (the decider compares it with the command's time). */
  async suspendedUntil(recommenderId: string | undefined): Promise<string | null> {
    if (typeof recommenderId !== 'string' || recommenderId.trim() === '') return null;
    return (await this.state(recommenderId)).suspendedUntil;
  }
}
