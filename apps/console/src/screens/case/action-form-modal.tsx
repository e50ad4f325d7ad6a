import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, InputNumber, Modal, Select, Space, Switch } from 'antd';
import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import { useMemo, useRef, useState } from 'react';
import { ApiError, command, type CommandResult, type ProblemDetails } from '../../api/api-client';
import type { CaseView } from '../../api/types';
import { DateInput, dateRules } from '../../components/date-input';
import { ErrorCode } from '../../components/error-code';
import { dateOnly, isoWithOffset, parseTypedDate } from '../../time';
import { type ActionSpec, type FieldSpec, specFor } from './action-specs';
import { MeetingFields, meetingBody } from './meeting-fields';

export interface ActionRequest {
  action: string;
  path: string;
  title?: string;
}

/** `votes[0].ballots[1].vote` → ['votes', 0, 'ballots', 1, 'vote'], the form's own naming. */
export function fieldPath(field: string): Array<string | number> {
  return field
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((part) => part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function setIn(target: Record<string, unknown>, path: Array<string | number>, value: unknown): void {
  let node: Record<string | number, unknown> = target;
  path.slice(0, -1).forEach((key) => {
    node[key] ??= {};
    node = node[key] as Record<string | number, unknown>;
  });
  node[path[path.length - 1]] = value;
}

function getIn(source: unknown, path: Array<string | number>): unknown {
  return path.reduce<unknown>(
    (node, key) => (node as Record<string | number, unknown> | undefined)?.[key],
    source,
  );
}

function initialValues(spec: ActionSpec): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of spec.fields) {
    // No date is filled in for the person: a default "now" is silently wrong in 补录 (finding 1).
    if (field.initial !== undefined) setIn(values, field.name, field.initial);
  }
  for (const list of spec.lists ?? [])
    if ((list.min ?? 0) > 0) values[list.name] = Array.from({ length: list.min ?? 0 }, () => ({}));
  return values;
}

function convertDates(values: Record<string, unknown>, fields: FieldSpec[]): void {
  for (const field of fields) {
    if (field.kind !== 'datetime' && field.kind !== 'date') continue;
    const text = getIn(values, field.name);
    if (typeof text !== 'string' || text.trim() === '') {
      setIn(values, field.name, undefined);
      continue;
    }
    // The rules have already refused text that is not a date, so this parse succeeds.
    const parsed = parseTypedDate(text, field.kind === 'datetime');
    if (parsed.ok)
      setIn(values, field.name, field.kind === 'date' ? dateOnly(parsed.value) : isoWithOffset(parsed.value));
  }
}

/** Form.Item hands its child value, onChange and id; they go on to the control itself. */
function FieldInput({ field, ...control }: { field: FieldSpec } & Record<string, unknown>) {
  switch (field.kind) {
    case 'textarea':
      return (
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} placeholder={field.placeholder} {...control} />
      );
    case 'number':
      return <InputNumber min={0} style={{ width: '100%' }} {...control} />;
    case 'datetime':
      return <DateInput withTime {...control} />;
    case 'date':
      return <DateInput withTime={false} {...control} />;
    case 'select':
      return (
        <Select options={field.options} allowClear={!field.required} placeholder="请选择" {...control} />
      );
    case 'multiselect':
      return <Select mode="multiple" options={field.options} placeholder="请选择" {...control} />;
    case 'switch':
      return <Switch checkedChildren="是" unCheckedChildren="否" {...control} />;
    default:
      return <Input placeholder={field.placeholder} {...control} />;
  }
}

/** The fields of the spec at or under a body path the api named (`grades` → the four vote counts). */
function fieldsUnder(spec: ActionSpec | null, field: string): FieldSpec[] {
  const path = fieldPath(field).join('.');
  return (spec?.fields ?? []).filter((f) => {
    const name = f.name.join('.');
    return name === path || name.startsWith(`${path}.`);
  });
}

/** A body path in the words of the form: its label(s), never the JSON path. */
function fieldLabel(spec: ActionSpec | null, field: string): string {
  const labels = fieldsUnder(spec, field).map((f) => f.label);
  if (labels.length > 0) return labels.join('、');
  const head = String(fieldPath(field)[0] ?? '');
  const list = spec?.lists?.find((l) => l.name === head);
  return list?.label ?? '其他内容';
}

function fieldRules(field: FieldSpec): Rule[] {
  if (field.kind === 'date' || field.kind === 'datetime')
    return dateRules(field.label, {
      required: field.required,
      withTime: field.kind === 'datetime',
      check: field.check,
    });
  return field.required ? [{ required: true, message: `请填写${field.label}` }] : [];
}

function SpecField({
  field,
  form,
  prefix = [],
}: {
  field: FieldSpec;
  form: FormInstance;
  prefix?: Array<string | number>;
}) {
  const values = Form.useWatch([], form) as Record<string, unknown> | undefined;
  if (field.visible && !field.visible(values ?? {})) return null;
  return (
    <Form.Item
      name={[...prefix, ...field.name]}
      label={field.label}
      extra={field.help}
      valuePropName={field.kind === 'switch' ? 'checked' : 'value'}
      required={field.required}
      rules={fieldRules(field)}
    >
      <FieldInput field={field} />
    </Form.Item>
  );
}

/** One modal for every command: the fields of its spec, the api's refusals shown where they belong. */
export function ActionFormModal({
  request,
  view,
  onClose,
  onDone,
}: {
  request: ActionRequest;
  view: CaseView | null;
  onClose: () => void;
  onDone: (result: CommandResult) => void;
}) {
  const [form] = Form.useForm();
  const spec = useMemo(() => specFor(request.action, request.path, view), [request, view]);
  const [problem, setProblem] = useState<ProblemDetails | null>(null);
  const [busy, setBusy] = useState(false);
  const lastAttempt = useRef<{ path: string; body: string; key: string } | null>(null);
  const isMeeting = request.action === 'HoldDecisionMeeting';

  async function submit() {
    setProblem(null);
    let values: Record<string, unknown>;
    try {
      values = (await form.validateFields()) as Record<string, unknown>;
    } catch {
      return;
    }
    let body: unknown;
    if (isMeeting) body = meetingBody(values);
    else if (spec) {
      convertDates(values, spec.fields);
      for (const list of spec.lists ?? [])
        for (const item of (values[list.name] as Array<Record<string, unknown>> | undefined) ?? [])
          convertDates(item, list.fields);
      body = spec.body ? spec.body(values) : values;
    }
    const text = JSON.stringify(body);
    // The same request keeps its key, so a retry after a lost answer records the step once; any
    // other request gets a new one (the service refuses a key reused on another request of the case).
    const previous = lastAttempt.current;
    const key =
      previous?.path === request.path && previous.body === text ? previous.key : crypto.randomUUID();
    lastAttempt.current = { path: request.path, body: text, key };
    setBusy(true);
    try {
      onDone(await command(request.path, body, key));
    } catch (error) {
      if (!(error instanceof ApiError)) {
        setProblem({
          status: 0,
          title: '网络异常',
          detail: '请求未能送达服务，请检查网络后重试（重试不会重复记录）。',
        });
        return;
      }
      const fieldErrors = error.problem.errors ?? [];
      const placed = fieldErrors.filter((e) => form.getFieldInstance(fieldPath(e.field)) !== undefined);
      // An error on a group (e.g. `grades`, the four vote counts) is shown under each field of the group.
      const grouped = fieldErrors.filter((e) => !placed.includes(e) && fieldsUnder(spec, e.field).length > 0);
      form.setFields([
        ...placed.map((e) => ({ name: fieldPath(e.field), errors: e.messages })),
        ...grouped.flatMap((e) =>
          fieldsUnder(spec, e.field)
            .filter((f) => form.getFieldInstance(f.name) !== undefined)
            .map((f) => ({ name: f.name, errors: e.messages })),
        ),
      ]);
      setProblem({ ...error.problem, errors: fieldErrors.filter((e) => !placed.includes(e)) });
    } finally {
      setBusy(false);
    }
  }

  if (spec === null && !isMeeting)
    return (
      <Modal open title={request.title ?? request.action} onCancel={onClose} footer={null}>
        <Alert type="info" showIcon message="此操作暂无录入表单，请联系系统管理员。" />
      </Modal>
    );

  return (
    <Modal
      open
      width={isMeeting ? 920 : 640}
      title={isMeeting ? '录入讨论决定（党委（党组）会议）' : spec?.title}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button
            type="primary"
            danger={spec?.danger}
            loading={busy}
            onClick={() => void submit()}
            data-testid="action-submit"
          >
            提交
          </Button>
        </Space>
      }
    >
      {problem && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          message={problem.title ?? '提交未成功'}
          description={
            <>
              <div>
                {problem.detail}
                {problem.rule && !(problem.detail ?? '').includes(problem.rule) ? `（${problem.rule}）` : ''}
              </div>
              {(problem.errors ?? []).map((e) => (
                <div key={e.field}>
                  {fieldLabel(spec, e.field)}：{e.messages.join('；')}
                </div>
              ))}
              <ErrorCode code={problem.code} />
            </>
          }
          data-testid="action-problem"
        />
      )}
      <Form form={form} layout="vertical" initialValues={spec ? initialValues(spec) : {}} requiredMark>
        {isMeeting && view ? (
          <MeetingFields form={form} view={view} />
        ) : (
          <>
            {spec?.fields.map((field) => (
              <SpecField key={field.name.join('.')} field={field} form={form} />
            ))}
            {spec?.lists?.map((list) => (
              <Form.List key={list.name} name={list.name}>
                {(items, { add, remove }) => (
                  <fieldset style={{ border: '1px solid #f0f0f0', padding: '8px 12px', marginBottom: 16 }}>
                    <legend style={{ fontSize: 14, width: 'auto', padding: '0 4px', margin: 0, border: 0 }}>
                      {list.label}
                    </legend>
                    {items.map((item) => (
                      <Space key={item.key} align="baseline" wrap>
                        {list.fields.map((field) => (
                          <Form.Item
                            key={field.name.join('.')}
                            name={[item.name, ...field.name]}
                            label={field.label}
                            required={field.required}
                            rules={fieldRules(field)}
                          >
                            <FieldInput field={field} />
                          </Form.Item>
                        ))}
                        {items.length > (list.min ?? 0) && (
                          <Button
                            type="text"
                            aria-label="删除此行"
                            icon={<MinusCircleOutlined />}
                            onClick={() => remove(item.name)}
                          />
                        )}
                      </Space>
                    ))}
                    <Button type="dashed" onClick={() => add({})} icon={<PlusOutlined />}>
                      {list.addLabel}
                    </Button>
                  </fieldset>
                )}
              </Form.List>
            ))}
          </>
        )}
      </Form>
    </Modal>
  );
}
