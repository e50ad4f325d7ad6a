export { PlatformModule } from './platform.module';
export {
  APP_CONFIG,
  ConfigError,
  loadConfig,
  LOCAL_JWT_SECRET,
  LOCAL_REMINDER_WEBHOOK_SECRET,
  type AppConfig,
  type ConfigProblem,
  type Env,
  type EventStoreKind,
  type LogLevel,
} from './config/app-config';
export { CLOCK, FixedClock, SystemClock, type Clock } from './clock/clock';
export { CryptoIdGenerator, ID_GENERATOR, type IdGenerator } from './ids/id-generator';
export { createRedisClient, REDIS } from './redis/redis.provider';
export { loggerOptions } from './logging/logger.options';
export {
  defaultMetricsAlreadyRegistered,
  InjectMetric,
  makeCounterProvider,
  makeGaugeProvider,
  makeHistogramProvider,
  makeSummaryProvider,
  METRICS_PATH,
  MetricsController,
  type Counter,
  type Gauge,
  type Histogram,
  type Summary,
} from './metrics/metrics';
export { AuthGuard, bearerToken } from './auth/auth.guard';
export {
  CurrentActor,
  IS_PUBLIC_KEY,
  Public,
  Roles,
  RolesByParam,
  ROLES_KEY,
  type AuthenticatedRequest,
} from './auth/auth.decorators';
export { JwtVerifier, type JwtVerifierConfig } from './auth/jwt-verifier';
export { signLocalToken, type LocalTokenOptions, type TokenClaims } from './auth/local-token';
export { isUserRole, USER_ROLES, type UserRole } from './auth/roles';
export {
  ForbiddenError,
  PlatformError,
  RequestValidationError,
  UnauthorizedError,
  UnavailableError,
  fieldError,
  type ErrorCategory,
  type FieldError,
  type FieldProblem,
} from './errors/platform.errors';
export { ERROR_CATALOGUE, FIELD_REASONS, type CatalogueEntry, type Lang } from './errors/error-catalogue';
export { negotiateLanguage, describeError, describeReason } from './errors/error-messages';
export { FIELD_LABELS, fieldLabel } from './errors/field-labels';
export { ProblemDetailsFilter } from './errors/problem-details.filter';
export { answerUnreadableRequests } from './errors/unreadable-request';
export {
  PROBLEM_CONTENT_TYPE,
  PROBLEM_CODES,
  toProblemResponse,
  unreadableRequestProblem,
  type ProblemDetails,
  type ProblemResponse,
} from './errors/problem-details';
export {
  flattenValidationErrors,
  requestValidationPipe,
  validationExceptionFactory,
} from './errors/validation-exception.factory';
export {
  isAcceptedText,
  isBlankText,
  IsNotBlank,
  isPlainId,
  IsPlainId,
  REFUSED_TEXT_MESSAGE,
} from './input/accepted-text';
export { inspectJsonInput, MAX_JSON_DEPTH } from './input/json-input';
export { refuseUnsafeInput } from './input/input-guard.middleware';
export { refuseNonJsonBody } from './input/json-body.middleware';
export { DeclaredQueryInterceptor } from './input/declared-query.interceptor';
export { SlidingWindowThrottlerStorage } from './rate-limit/sliding-window.storage';
export { NoFieldsPipe } from './input/no-fields.pipe';
export { DecimalInteger, decimalInteger, QueryBoolean } from './input/query-values';
export { CursorCodec } from './input/cursor.codec';
