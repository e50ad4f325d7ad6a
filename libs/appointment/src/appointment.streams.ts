/** One stream per case (DOMAIN.md §1). */
export const CASE_STREAM_PREFIX = 'appointment-';

export function caseStreamId(caseId: string): string {
  return CASE_STREAM_PREFIX + caseId;
}

export function caseIdFromStream(streamId: string): string | null {
  return streamId.startsWith(CASE_STREAM_PREFIX) ? streamId.slice(CASE_STREAM_PREFIX.length) : null;
}
