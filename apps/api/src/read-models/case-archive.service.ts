import { Injectable } from '@nestjs/common';
import type { Actor } from '@app/appointment/appointment.commands';
import { shanghaiTime } from '@app/time';
import { buildArchive } from './case-archive.bundle';
import { renderCaseRecordHtml } from './case-record.html';
import { RecordPdfRenderer } from './case-record.pdf';
import { CaseRecordService } from './case-record.service';

/** 一案一档 (GET /cases/:id/archive): the record, its PDF and the raw history, in one zip. */
@Injectable()
export class CaseArchiveService {
  constructor(
    private readonly records: CaseRecordService,
    private readonly pdf: RecordPdfRenderer,
  ) {}

  async archive(actor: Actor, caseId: string): Promise<Buffer> {
    const { document, events, producedAt } = await this.records.document(actor, caseId);
    return buildArchive({
      caseId,
      post: document.post,
      events,
      chainIntact: document.verification.intact,
      html: renderCaseRecordHtml(document),
      pdf: await this.pdf.render(document),
      generatedBy: { id: actor.id, name: actor.name, role: actor.role, orgUnit: actor.orgUnit },
      generatedAt: shanghaiTime(producedAt),
    });
  }
}
