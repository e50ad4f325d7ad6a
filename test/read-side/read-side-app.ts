import { type ApiHarness, startApiHarness } from '../support/api-harness';

/** The api with ReadModelsModule on a fresh test database, and the projection runner of a worker beside it. */
export const startReadSideApp = (label: string): Promise<ApiHarness> => startApiHarness(label);

export type ReadSideApp = ApiHarness;
