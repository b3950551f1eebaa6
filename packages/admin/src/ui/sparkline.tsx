// A trend in a table cell: plain SVG, no chart library.
export function Sparkline({
  values,
  min = -100,
  max = 100,
  width = 96,
  height = 24,
  label,
}: {
  values: (number | null)[];
  min?: number;
  max?: number;
  width?: number;
  height?: number;
  label: string;
}) {
  const points = values
    .map((v, i) =>
      v === null
        ? null
        : [(i / Math.max(1, values.length - 1)) * width, height - ((v - min) / (max - min)) * height],
    )
    .filter((p): p is number[] => p !== null);
  const zero = height - ((0 - min) / (max - min)) * height;
  return (
    <svg
      className="sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
    >
      {min < 0 && max > 0 && <line x1={0} x2={width} y1={zero} y2={zero} className="sparkline-zero" />}
      {points.length > 1 && (
        <polyline points={points.map((p) => p.join(",")).join(" ")} className="sparkline-line" />
      )}
      {points.length > 0 && (
        <circle cx={points.at(-1)?.[0]} cy={points.at(-1)?.[1]} r={2.5} className="sparkline-dot" />
      )}
    </svg>
  );
}
