import { ValidateBy, type ValidationOptions } from 'class-validator';
import { STAGE_LABELS, STAGES, type Stage } from '@app/appointment';

const BY_NAME = new Map<string, Stage>(STAGES.map((stage) => [STAGE_LABELS[stage], stage]));

/** A stage by its code (`inspecting`) or its Chinese name (`考察`); anything else as given, to be refused. */
export function stageFromName(value: unknown): unknown {
  return typeof value === 'string' ? (BY_NAME.get(value.trim()) ?? value) : value;
}

/** Refuses anything but a stage code once `stageFromName` has run; the answer lists the stages. */
export const IsStage = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isStage',
      constraints: [STAGES],
      validator: {
        validate: (value: unknown) => (STAGES as readonly unknown[]).includes(value),
        defaultMessage: (args) =>
          `${args?.property ?? 'stage'} must be one of the following values: ${STAGES.join(', ')}`,
      },
    },
    options,
  );
