import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { ProjectionsModule } from '@app/projections';
import { AdminProjectionsController } from './admin-projections.controller';
import { CaseArchiveService } from './case-archive.service';
import { RecordPdfRenderer } from './case-record.pdf';
import { CaseRecordService } from './case-record.service';
import { ReadAuditInterceptor } from './read-audit.interceptor';
import { ReadAuditService } from './read-audit.service';
import { ReadModelsController } from './read-models.controller';
import { ReadModelsService } from './read-models.service';

const controllers = [ReadModelsController, AdminProjectionsController];
const providers = [
  ReadModelsService,
  CaseRecordService,
  RecordPdfRenderer,
  CaseArchiveService,
  ReadAuditService,
  { provide: APP_INTERCEPTOR, useClass: ReadAuditInterceptor },
];

/**
 * The read side of the api: GET /cases (list), /cases/:id/timeline, /cases/:id/record and the
 * projection admin. The interceptor logs every auditor read, including those of CasesModule.
 */
@Module({
  imports: [ProjectionsModule],
  controllers,
  providers,
  exports: [ReadAuditService, RecordPdfRenderer],
})
export class ReadModelsModule {}
