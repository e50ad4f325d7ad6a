import { GetCaseController } from './get-case/get-case.controller';
import { GetCaseHandler } from './get-case/get-case.handler';
import { GetCaseHistoryController } from './get-case-history/get-case-history.controller';
import { GetCaseHistoryHandler } from './get-case-history/get-case-history.handler';
import { GetCaseStateController } from './get-case-state/get-case-state.controller';
import { GetCaseStateHandler } from './get-case-state/get-case-state.handler';
import { VerifyCaseController } from './verify-case/verify-case.controller';
import { VerifyCaseHandler } from './verify-case/verify-case.handler';

export const queryControllers = [
  GetCaseController,
  GetCaseStateController,
  GetCaseHistoryController,
  VerifyCaseController,
];

export const queryHandlers = [GetCaseHandler, GetCaseStateHandler, GetCaseHistoryHandler, VerifyCaseHandler];
