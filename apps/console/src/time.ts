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
