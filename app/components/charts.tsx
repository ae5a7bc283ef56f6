// Plain SVG charts for the petition dashboard: no chart library, readable without colour.
import { formatNumber } from "~/locales/common";
import type { Locale } from "#db/schema/states";

export function BarChart({
  series,
  label,
  locale,
  unit,
}: {
  series: { bucket: string; n: number }[];
  label: string;
  locale: Locale;
  unit: "hour" | "day";
}) {
  const width = 720;
  const height = 200;
  const pad = { top: 10, right: 8, bottom: 24, left: 40 };
  const max = Math.max(1, ...series.map((s) => s.n));
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const step = innerW / Math.max(series.length, 1);
  const barW = Math.max(1, step * 0.8);
  const tick = (bucket: string) => (unit === "hour" ? bucket.slice(11, 16) : bucket.slice(5, 10));
  const labelEvery = Math.ceil(series.length / 8);
  return (
    <svg className="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      <line
        className="axis"
        x1={pad.left}
        x2={width - pad.right}
        y1={height - pad.bottom}
        y2={height - pad.bottom}
      />
      <text x={pad.left - 6} y={pad.top + 10} textAnchor="end">
        {formatNumber(max, locale)}
      </text>
      <text x={pad.left - 6} y={height - pad.bottom} textAnchor="end">
        0
      </text>
      {series.map((s, i) => {
        const h = (s.n / max) * innerH;
        const x = pad.left + i * step + (step - barW) / 2;
        return (
          <g key={s.bucket}>
            <rect className="bar" x={x} y={pad.top + innerH - h} width={barW} height={h}>
              <title>{`${s.bucket.replace("T", " ")}: ${formatNumber(s.n, locale)}`}</title>
            </rect>
            {i % labelEvery === 0 ? (
              <text x={x + barW / 2} y={height - 6} textAnchor="middle">
                {tick(s.bucket)}
              </text>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}

/** Horizontal bars as a list: each row is text plus a bar, so screen readers read the numbers. */
export function HBars({
  items,
  locale,
  label,
}: {
  items: { label: string; n: number }[];
  locale: Locale;
  label: string;
}) {
  const max = Math.max(1, ...items.map((i) => i.n));
  return (
    <ul className="hbars" aria-label={label}>
      {items.map((item) => (
        <li key={item.label}>
          <span>{item.label}</span>
          <span className="track" aria-hidden="true">
            <span className="fill" style={{ width: `${(item.n / max) * 100}%` }} />
          </span>
          <span>{formatNumber(item.n, locale)}</span>
        </li>
      ))}
    </ul>
  );
}
