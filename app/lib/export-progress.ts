// Shared by the CSV route and the page's progress download.
/** Sent by the page's progress download: answer with the expected row count in a header. */
export const EXPORT_PROGRESS_HEADER = "X-Export-Progress";
/** The number of data rows the export will write (absent when it is not known cheaply). */
export const EXPORT_ROWS_HEADER = "X-Export-Rows";

/** The file name from a Content-Disposition header, or `fallback`. */
export function dispositionFileName(header: string | null, fallback: string) {
  const m = /filename="([^"]+)"/.exec(header ?? "");
  return m?.[1] ?? fallback;
}

/** Percent done (0–99 until the download has ended, so a count that moved never shows 100 early). */
export function exportPercent(rows: number, expected: number | null) {
  if (!expected || expected <= 0) return null;
  return Math.min(99, Math.floor((100 * rows) / expected));
}
