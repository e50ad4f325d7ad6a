import chineseDays from 'chinese-days/dist/chinese-days.json';

const only2026 = (map: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(map).filter(([date]) => date.startsWith('2026-')));

/** The data package's own 2026 arrangement, reshaped as an admin would send it (PUT /admin/calendar/2026). */
export const arrangement2026 = {
  documentNo: '国办发明电〔2025〕7号',
  publishedAt: '2025-11-04',
  holidays: only2026(chineseDays.holidays),
  workdays: only2026(chineseDays.workdays),
};
