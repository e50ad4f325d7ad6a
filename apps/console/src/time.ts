import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import 'dayjs/locale/zh-cn';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.locale('zh-cn');
dayjs.tz.setDefault('Asia/Shanghai');

export const ZONE = 'Asia/Shanghai';

export function shanghai(value?: string | Dayjs): Dayjs {
  return value === undefined ? dayjs().tz(ZONE) : dayjs(value).tz(ZONE);
}

export function formatTime(value: string | null | undefined): string {
  return value ? shanghai(value).format('YYYY-MM-DD HH:mm') : '—';
}

export function formatDate(value: string | null | undefined): string {
  return value ? shanghai(value).format('YYYY-MM-DD') : '—';
}

/** ISO-8601 with the +08:00 offset, as the api expects occurred times. */
export function isoWithOffset(value: Dayjs): string {
  return value.tz(ZONE).format('YYYY-MM-DDTHH:mm:ssZ');
}

export function dateOnly(value: Dayjs): string {
  return value.tz(ZONE).format('YYYY-MM-DD');
}

/** "剩 2 天 3 小时" or "已逾期 1 天 5 小时", against now. */
export function remaining(dueAt: string, now: Dayjs = dayjs()): { text: string; overdue: boolean } {
  const minutes = dayjs(dueAt).diff(now, 'minute');
  const overdue = minutes < 0;
  const total = Math.abs(minutes);
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const span =
    days > 0
      ? `${days} 天${hours > 0 ? ` ${hours} 小时` : ''}`
      : hours > 0
        ? `${hours} 小时`
        : `${total % 60} 分钟`;
  return { text: overdue ? `已逾期 ${span}` : `剩 ${span}`, overdue };
}

export type TypedDate = { ok: true; value: Dayjs } | { ok: false; message: string };

const DATE_HINT = '请按 YYYY-MM-DD 填写（也可写 1978/5/6、1978年5月6日 或 19780506）';
const TIME_HINT = '请按 YYYY-MM-DD HH:mm 填写，如 2024-03-15 10:00';

/**
 * A date (and, for `withTime`, a time of day) as people type it: 1978-05-06, 1978-5-6, 1978/5/6,
 * 1978.5.6, 1978年5月6日, 19780506, each optionally followed by 10:00, 10：00 or 10时00分.
 * A text that is not one of these, or names no real day, is refused with a message, never guessed.
 */
export function parseTypedDate(text: string, withTime: boolean): TypedDate {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  const match =
    /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]*(\d{1,2})\s*[:：时]\s*(\d{1,2})\s*分?)?$/.exec(
      trimmed,
    ) ?? /^(\d{4})(\d{2})(\d{2})(?:[ T]*(\d{1,2})\s*[:：时]?\s*(\d{2})\s*分?)?$/.exec(trimmed);
  if (match === null)
    return { ok: false, message: `无法识别“${trimmed}”，${withTime ? TIME_HINT : DATE_HINT}` };
  const [, y, m, d, hh, mi] = match;
  const pad = (s: string) => s.padStart(2, '0');
  const day = `${y}-${pad(m)}-${pad(d)}`;
  const parsed = dayjs(day);
  if (!parsed.isValid() || parsed.format('YYYY-MM-DD') !== day)
    return { ok: false, message: `日期“${trimmed}”不存在，请核对年、月、日` };
  if (!withTime) {
    if (hh !== undefined) return { ok: false, message: `此处只填日期，不填时间；${DATE_HINT}` };
    return { ok: true, value: dayjs.tz(`${day}T00:00:00`, ZONE) };
  }
  if (hh === undefined) return { ok: false, message: `请同时填写时间；${TIME_HINT}` };
  if (Number(hh) > 23 || Number(mi) > 59)
    return { ok: false, message: `时间“${hh}:${mi}”不存在；${TIME_HINT}` };
  return { ok: true, value: dayjs.tz(`${day}T${pad(hh)}:${pad(mi)}:00`, ZONE) };
}

/** The text shown for a parsed date: 1978-05-06, or 2024-03-15 10:00. */
export function typedDateText(value: Dayjs, withTime: boolean): string {
  return value.tz(ZONE).format(withTime ? 'YYYY-MM-DD HH:mm' : 'YYYY-MM-DD');
}
