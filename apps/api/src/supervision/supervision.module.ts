import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { AccountabilityService } from './accountability.service';
import { AnnualReportService } from './annual-report.service';
import { FindingsService } from './findings.service';
import { SupervisionController } from './supervision.controller';

/** 专项检查, 倒查, 谁推荐谁负责 and the yearly statistics (DOMAIN.md §7, §8). */
@Module({
  imports: [CasesModule],
  controllers: [SupervisionController],
  providers: [FindingsService, AnnualReportService, AccountabilityService],
})
export class SupervisionModule {}
