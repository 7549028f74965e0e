// The speech bubble on a box or link mark with open comments: count and shape (not only colour).
export function CommentBadge({ x, y, count }: { x: number; y: number; count: number }) {
  const width = count > 9 ? 30 : 24;
  return (
    <g className="comment-badge" transform={`translate(${x},${y})`} data-comment-count={count}
      aria-label={`${count} open comment${count === 1 ? "" : "s"}`} role="img">
      <title>{`${count} open comment${count === 1 ? "" : "s"}`}</title>
      <rect x={0} y={0} width={width} height={18} rx={6} />
      <path d="M6,17 l0,6 l6,-6 z" />
      <text x={width / 2} y={13} textAnchor="middle">{count}</text>
    </g>
  );
}
